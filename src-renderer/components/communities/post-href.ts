/** Where a post opens: its thread, or for an answer the thread of its question. */
export function threadHref(communityId: string, postId: string, parentId: string | null = null): string {
  return `/communities/${encodeURIComponent(communityId)}/posts/${encodeURIComponent(parentId ?? postId)}`;
}
