import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { ActivityQuery, CommunityListQuery, FeedQuery, MembersQuery } from '#shared/domain/community';
import { getApi } from '../lib/api.ts';
import { queryKeys } from '../lib/query-keys.ts';

/** Communities are read from the local cache: `communities.changed` keeps every query here current. */
export function useCommunityList(query: CommunityListQuery) {
  return useQuery({
    queryKey: queryKeys.communityList(query),
    queryFn: () => getApi().communities.list(query),
    placeholderData: (previous) => previous,
  });
}

export function useCommunity(communityId: string) {
  return useQuery({
    queryKey: queryKeys.community(communityId),
    queryFn: () => getApi().communities.get({ communityId }),
    retry: (count, error) => error.name !== 'not_found' && count < 2,
  });
}

export function useCommunityMembers(query: MembersQuery, enabled = true) {
  return useQuery({
    queryKey: queryKeys.communityMembers(query),
    queryFn: () => getApi().communities.listMembers(query),
    placeholderData: (previous) => previous,
    enabled,
  });
}

/** A community's feed, newest first, a page at a time ("Load more" asks for the next). */
export function useCommunityFeed(query: Omit<FeedQuery, 'before'>) {
  return useInfiniteQuery({
    queryKey: queryKeys.communityFeed(query),
    queryFn: ({ pageParam }) => getApi().communities.feed({ ...query, before: pageParam }),
    initialPageParam: undefined as FeedQuery['before'],
    getNextPageParam: (last) => last.next ?? undefined,
  });
}

export function usePostThread(postId: string) {
  return useQuery({
    queryKey: queryKeys.postThread(postId),
    queryFn: () => getApi().communities.getThread({ postId }),
    retry: (count, error) => error.name !== 'not_found' && count < 2,
  });
}

export function useCommunityHealth(communityId: string, enabled = true) {
  return useQuery({
    queryKey: queryKeys.communityHealth(communityId),
    queryFn: () => getApi().communities.health({ communityId }),
    enabled,
  });
}

export function useCommunitySuggestions() {
  return useQuery({
    queryKey: queryKeys.communitySuggestions,
    queryFn: () => getApi().communities.suggestions(),
  });
}

export function useCommunityActivity(query: ActivityQuery) {
  return useQuery({
    queryKey: queryKeys.communityActivity(query),
    queryFn: () => getApi().communities.activity(query),
  });
}

export function useCommunitiesInCommon(personId: string) {
  return useQuery({
    queryKey: queryKeys.communitiesInCommon(personId),
    queryFn: () => getApi().communities.inCommon({ personId }),
  });
}
