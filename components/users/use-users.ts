"use client";
import { useMutation, useMutationState, useQuery, useQueryClient } from "@tanstack/react-query";
import { callApi } from "@/lib/api/client";
import { endpoints } from "@/lib/api/endpoint-paths";
import type { Role } from "@/lib/api/roles";
import { queryKeys } from "@/lib/query-keys";

export function useUsers() {
  return useQuery({ queryKey: queryKeys.users(), queryFn: () => callApi(endpoints.listUsers) });
}

export function useInviteUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { username: string; role: Role }) => callApi(endpoints.inviteUser, { body }),
    onSettled: () => qc.invalidateQueries({ queryKey: queryKeys.invites() }),
  });
}

export function usePendingInvites() {
  return useQuery({ queryKey: queryKeys.invites(), queryFn: () => callApi(endpoints.listInvites) });
}

/** Marks revoke mutations, so the invite form can tell that the link it shows was revoked. */
const REVOKE_INVITE = ["revokeInvite"] as const;

export function useRevokeInvite() {
  const qc = useQueryClient();
  return useMutation({
    mutationKey: REVOKE_INVITE,
    // Kept while the page lives (useRevokedInvites reads them; a few per visit at most).
    gcTime: Infinity,
    mutationFn: (id: string) => callApi(endpoints.revokeInvite, { params: { inviteId: id } }),
    onSettled: () => qc.invalidateQueries({ queryKey: queryKeys.invites() }),
  });
}

export function useUpdateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, change }: { id: number; change: { role?: Role; disabled?: boolean } }) =>
      callApi(endpoints.updateUser, { params: { uid: String(id) }, body: change }),
    onSettled: () => qc.invalidateQueries({ queryKey: queryKeys.users() }),
  });
}

export function useResetPassword() {
  return useMutation({
    mutationFn: (id: number) => callApi(endpoints.resetPassword, { params: { uid: String(id) } }),
  });
}

/** The invites revoked on this page so far: whose, and when the revoke was sent. */
export function useRevokedInvites(): { username: string; at: number }[] {
  return useMutationState({
    filters: { mutationKey: REVOKE_INVITE, status: "success" },
    select: (m) => ({
      username: (m.state.data as { username?: string } | undefined)?.username ?? "",
      at: m.state.submittedAt,
    }),
  });
}
