import { useEffect, useState } from 'react';

/** What is typed in a search box, trimmed, once typing has paused for `ms` (300 ms unless told). */
export function useDebounced(value: string, ms = 300) {
  const [settled, setSettled] = useState(() => value.trim());
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value.trim()), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
