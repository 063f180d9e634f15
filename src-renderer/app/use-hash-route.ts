// The current screen from the address's hash, updated on back/forward and link clicks.
import { useCallback, useEffect, useState } from 'react';
import type { RouteId } from './routes.js';
import { hrefOf, routeFromHash } from './routes.js';

export function useHashRoute(): [RouteId, (route: RouteId) => void] {
  const [route, setRoute] = useState<RouteId>(() => routeFromHash(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(routeFromHash(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const navigate = useCallback((next: RouteId) => {
    window.location.hash = hrefOf(next);
  }, []);
  return [route, navigate];
}
