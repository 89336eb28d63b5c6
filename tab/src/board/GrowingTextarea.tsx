import { Textarea, type TextareaProps } from '@fluentui/react-components';
import { forwardRef, useCallback, useLayoutEffect, useRef, type ForwardedRef } from 'react';

/**
 * Fluent's Textarea at a height that follows its words: at the side panel's 280 px a fixed box scrolls lines out of
 * sight while someone types. It is grown after every change and whenever its width changes (the panel resized).
 * `singleLine` keeps the value to one line (the Enter key and pasted line breaks become spaces) while it still wraps.
 */
export const GrowingTextarea = forwardRef(function GrowingTextarea(
  { singleLine = false, onChange, onKeyDown, ...props }: Omit<TextareaProps, 'resize'> & { singleLine?: boolean },
  forwarded: ForwardedRef<HTMLTextAreaElement>,
) {
  const own = useRef<HTMLTextAreaElement | null>(null);
  const setRef = useCallback(
    (element: HTMLTextAreaElement | null) => {
      own.current = element;
      if (typeof forwarded === 'function') forwarded(element);
      else if (forwarded) forwarded.current = element;
    },
    [forwarded],
  );

  useLayoutEffect(() => {
    const element = own.current;
    if (element) fit(element);
  }, [props.value]);

  useLayoutEffect(() => {
    const element = own.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    let width = element.clientWidth;
    const observer = new ResizeObserver(() => {
      // Only a new width changes how the words wrap; reacting to heights would feed back into itself.
      if (element.clientWidth === width) return;
      width = element.clientWidth;
      fit(element);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  return (
    <Textarea
      {...props}
      ref={setRef}
      resize="none"
      onKeyDown={(event) => {
        if (singleLine && event.key === 'Enter') event.preventDefault();
        onKeyDown?.(event);
      }}
      onChange={(event, data) =>
        onChange?.(event, singleLine ? { ...data, value: data.value.replace(/\r?\n/g, ' ') } : data)
      }
    />
  );
});

/** The textarea's height set to its content's (borders included when the box is sized border-box). */
function fit(element: HTMLTextAreaElement): void {
  // Fluent caps a textarea's height (260 px at medium size); the point here is to show all of the words.
  element.style.maxHeight = 'none';
  element.style.height = 'auto';
  const style = getComputedStyle(element);
  const borders =
    style.boxSizing === 'border-box' ? parseFloat(style.borderTopWidth) + parseFloat(style.borderBottomWidth) : 0;
  element.style.height = `${element.scrollHeight + borders}px`;
}
