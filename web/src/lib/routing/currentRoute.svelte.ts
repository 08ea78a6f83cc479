import { matchRoute, type AppRoute } from './appRoute.js';

/** The route of the current location; follows back/forward and `navigate`. */
export class CurrentRoute {
  route: AppRoute = $state(matchRoute(location.pathname));

  /** Starts following history; returns the cleanup. */
  listen(): () => void {
    const onPopState = () => (this.route = matchRoute(location.pathname));
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }

  navigate(pathname: string): void {
    history.pushState(null, '', pathname);
    this.route = matchRoute(pathname);
  }
}
