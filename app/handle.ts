/** What a route tells the page shell about itself. */
export type PortalHandle = {
  /** Translation key of the page's title (the <title> and usually the <h1>). */
  titleKey?: string;
  /** Staff pages get the staff header and the sign-out warning instead of the public extras. */
  area?: "public" | "staff";
};
