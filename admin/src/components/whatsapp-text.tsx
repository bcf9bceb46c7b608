/**
 * A message as WhatsApp shows it: `*bold*` in bold, `_italic_` in italics, line breaks kept.
 * Built from elements, never injected HTML, because the text comes from people and models.
 */
import { Fragment } from 'react';

const MARKUP = /(\*[^*\n]+\*|_[^_\n]+_)/g;

export function WhatsAppText({ text }: { text: string }) {
  return (
    <>
      {text.split('\n').map((line, index) => (
        <Fragment key={index}>
          {index > 0 && <br />}
          {line.split(MARKUP).map((part, i) => {
            if (part.length > 2 && part.startsWith('*') && part.endsWith('*')) return <strong key={i}>{part.slice(1, -1)}</strong>;
            if (part.length > 2 && part.startsWith('_') && part.endsWith('_')) return <em key={i}>{part.slice(1, -1)}</em>;
            return <Fragment key={i}>{part}</Fragment>;
          })}
        </Fragment>
      ))}
    </>
  );
}
