import { useEffect, useRef } from 'react';

/** False once the component unmounted: async results that arrive later are dropped. */
export function useMounted(): { readonly current: boolean } {
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  return mounted;
}
