"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { callApi } from "@/lib/api/client";
import { endpoints } from "@/lib/api/endpoint-paths";
import { queryKeys } from "@/lib/query-keys";

export function useMyLogins() {
  return useQuery({ queryKey: queryKeys.myLogins(), queryFn: () => callApi(endpoints.myLogins) });
}

export function useEndLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (lid: string) => callApi(endpoints.endMyLogin, { params: { lid } }),
    onSettled: () => qc.invalidateQueries({ queryKey: queryKeys.myLogins() }),
  });
}

export function useChangePassword() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) => callApi(endpoints.changePassword, { body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.myLogins() }),
  });
}
