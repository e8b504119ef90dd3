import { type RefObject, useLayoutEffect, useState } from 'react';

/**
 * The element's width, and the height from its top to the bottom of the window less `reserve`: a
 * virtual table sized to fill the page.
 */
export function useFillHeight(
  ref: RefObject<HTMLElement | null>,
  reserve: number,
  min = 240,
): { height: number; width: number } {
  const [size, setSize] = useState({ height: min, width: 0 });
  useLayoutEffect(() => {
    const measure = () => {
      const rect = ref.current?.getBoundingClientRect();
      const height = Math.max(min, Math.floor(window.innerHeight - (rect?.top ?? 0) - reserve));
      const width = Math.floor(rect?.width ?? 0);
      setSize((s) => (s.height === height && s.width === width ? s : { height, width }));
    };
    measure();
    const observer = new ResizeObserver(measure);
    if (ref.current?.parentElement) observer.observe(ref.current.parentElement);
    window.addEventListener('resize', measure);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', measure);
    };
  }, [ref, reserve, min]);
  return size;
}
