/** Where a view can send the person. */
export type Target =
  | { view: 'chat'; input?: string }
  | { view: 'compare'; statementId: string }
  | { view: 'browse'; filter?: import('../state/browse.js').BrowseFilter; focusId?: string };

export type Navigate = (target: Target) => void;
