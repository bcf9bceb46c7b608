/** "hindi mein bolo", "reply in Tamil": switches the conversation's language, or offers the menu. */
import { LANGUAGES, type Language } from '../../domain/language.js';
import type { Handler, TurnContext } from '../context.js';
import { translator } from '../i18n.js';

/** The numbered menu, in the order shown in `language.menu`. */
export const MENU_ORDER: Language[] = ['en', 'hi', 'hi-Latn', 'bn', 'mr', 'ta', 'te', 'gu', 'kn', 'ml', 'pa', 'or'];

export const changeLanguage: Handler = async (ctx) => {
  const target = ctx.parse.targetLanguage;
  if (!target) {
    ctx.ask({ kind: 'choose_language' });
    return ctx.t('language.menu');
  }
  return switchTo(ctx, target);
};

/** Sets the conversation's language and answers in it. */
export async function switchTo(ctx: TurnContext, language: Language): Promise<string> {
  await ctx.repos.conversations.update({ conversationId: ctx.conversation.conversationId }, { language });
  ctx.conversation.language = language;
  return (await translator(language))('language.changed');
}

/** A menu answer: "3", "३", or a language's name. */
export function menuChoice(text: string, named?: Language): Language | undefined {
  const n = Number(text.trim().replace(/[^\d]/g, ''));
  if (/^\s*\d{1,2}\s*$/.test(text) && n >= 1 && n <= MENU_ORDER.length) return MENU_ORDER[n - 1];
  return named && (LANGUAGES as readonly string[]).includes(named) ? named : undefined;
}
