"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
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

export function useRevokeInvite() {
  const qc = useQueryClient();
  return useMutation({
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
