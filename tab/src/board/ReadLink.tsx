import { Link } from '@fluentui/react-components';
import { forwardRef, type ButtonHTMLAttributes } from 'react';

type ReadLinkProps = { title: string } & Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'title' | 'children'>;

/** The banner's "Read" link; DialogTrigger gives it its click handler and ARIA state, so it passes props and ref on. */
export const ReadLink = forwardRef<HTMLButtonElement, ReadLinkProps>(function ReadLink({ title, ...rest }, ref) {
  return (
    <Link {...rest} ref={ref} as="button" aria-label={`Read ${title}`}>
      Read
    </Link>
  );
});
