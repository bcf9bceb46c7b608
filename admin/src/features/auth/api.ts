/** `POST /auth/login`: email and password for a session token (schemas/auth.ts). */
import { api } from '../../api/client';
import type { Session } from '../../api/session';

export interface LoginRequest {
  email: string;
  password: string;
}

/** The login answer is exactly what the panel keeps as its session. */
export type LoginResponse = Session;

export function login(credentials: LoginRequest): Promise<LoginResponse> {
  return api<LoginResponse>('/auth/login', { method: 'POST', body: credentials });
}
