import { Anchor, Typography } from '@mantine/core';
import type { ComponentProps } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import classes from './Markdown.module.css';

/**
 * Links open outside the app: in Electron the window-open handler hands https links to the system
 * browser and refuses the rest. Without rehype-raw, raw HTML in the source shows as text.
 */
function MarkdownLink({ href, children }: ComponentProps<'a'>) {
  return (
    <Anchor inherit href={href} target="_blank" rel="noreferrer noopener">
      {children}
    </Anchor>
  );
}

/** Images are never loaded (the CSP forbids remote images anyway): each shows as a link to its address. */
function MarkdownImage({ src, alt }: ComponentProps<'img'>) {
  const label = alt || (typeof src === 'string' ? src : 'image');
  if (typeof src !== 'string' || !src) return <span>{label}</span>;
  return (
    <Anchor inherit href={src} target="_blank" rel="noreferrer noopener" data-markdown-image>
      {`[image: ${label}]`}
    </Anchor>
  );
}

const components: Components = { a: MarkdownLink, img: MarkdownImage };

/** A note's markdown, rendered safely: no raw HTML, no images, safe URLs only (react-markdown's default). */
export function Markdown({ children, testId }: { children: string; testId?: string }) {
  return (
    <Typography className={classes.root} data-selectable data-testid={testId}>
      <ReactMarkdown components={components}>{children}</ReactMarkdown>
    </Typography>
  );
}
