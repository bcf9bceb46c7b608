/** Email and password in, a session out; a wrong password shows the API's own words. */
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { startSession, useSession } from '../../api/session';
import { ErrorNote } from '../../components/error-note';
import { Page } from '../../components/page';
import { LanguageSwitch } from '../../layout/language-switch';
import { homeOf } from '../../layout/nav-items';
import { login } from './api';

export function LoginPage() {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const attempt = useMutation({ mutationFn: login, onSuccess: startSession });

  if (session) {
    // Back to where a 401 or a bookmark sent them from, else their home screen.
    const from = (location.state as { from?: string } | null)?.from;
    return <Navigate to={from ?? homeOf(session.user.role)} replace />;
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    attempt.mutate({ email: email.trim(), password });
  };

  return (
    <main id="main" className="login">
      <div className="login-card">
        <p className="brand">BharatSense</p>
        <Page title={t('auth.title')}>
          <form onSubmit={submit} className="stack">
            <label>
              {t('auth.email')}
              <input type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
            </label>
            <label>
              {t('auth.password')}
              <input type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
            </label>
            {attempt.isError && <ErrorNote error={attempt.error} />}
            <button type="submit" className="primary" disabled={attempt.isPending}>
              {attempt.isPending ? t('auth.loggingIn') : t('auth.login')}
            </button>
          </form>
        </Page>
        <LanguageSwitch />
      </div>
    </main>
  );
}
