import { Textarea, type TextareaProps } from '@fluentui/react-components';
import { useLayoutEffect, useRef } from 'react';

/** A Textarea that grows with what is typed (and can still be dragged taller): no scrolling inside a small box. */
export function GrowingTextarea(props: TextareaProps & { value: string }) {
  const ref = useRef<HTMLTextAreaElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${el.scrollHeight + 2}px`;
  }, [props.value]);
  return <Textarea resize="vertical" rows={3} {...props} ref={ref} />;
}
