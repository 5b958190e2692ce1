import { Textarea, type TextareaProps } from '@fluentui/react-components';
import { forwardRef, useCallback, useLayoutEffect, useRef, type KeyboardEvent, type Ref } from 'react';

/**
 * A text box that grows with what is typed (up to Fluent's maximum, then it scrolls) and can be
 * dragged taller. `singleLine` keeps a title one paragraph: Enter adds no line break and pasted
 * line breaks become spaces, but long text still wraps onto as many lines as it needs.
 */
export const GrowingTextarea = forwardRef(function GrowingTextarea(
  { singleLine = false, value, onChange, onKeyDown, ...props }: TextareaProps & { singleLine?: boolean; value: string },
  forwarded: Ref<HTMLTextAreaElement>,
) {
  const own = useRef<HTMLTextAreaElement | null>(null);
  const setRef = useCallback(
    (el: HTMLTextAreaElement | null) => {
      own.current = el;
      if (typeof forwarded === 'function') forwarded(el);
      else if (forwarded) forwarded.current = el;
    },
    [forwarded],
  );
  useLayoutEffect(() => {
    const el = own.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${el.scrollHeight + 2}px`;
  }, [value]);
  return (
    <Textarea
      {...props}
      ref={setRef}
      value={value}
      resize="vertical"
      rows={1}
      textarea={{ style: { minHeight: singleLine ? '2.25rem' : '3.25rem' } }}
      onKeyDown={(event: KeyboardEvent<HTMLTextAreaElement>) => {
        if (singleLine && event.key === 'Enter') event.preventDefault();
        onKeyDown?.(event);
      }}
      onChange={(event, data) => onChange?.(event, singleLine ? { value: data.value.replace(/\s*[\r\n]+\s*/g, ' ') } : data)}
    />
  );
});
