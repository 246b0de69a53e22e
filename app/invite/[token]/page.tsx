import type { Metadata } from "next";
import { findInvite } from "@/lib/server/users/invites";
import { AcceptInviteForm } from "./accept-invite-form";

export const metadata: Metadata = { title: "Accept invite", referrer: "no-referrer" };

// Public (proxy.ts lets /invite/ through without a login): the token in the URL is the credential.
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invite = await findInvite(token);
  return (
    <main className="flex min-h-dvh items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-lg border border-border bg-card p-6 shadow-sm">
        <h1 className="text-lg font-semibold">AGB Dashboard</h1>
        {invite ? (
          <>
            <p className="mt-1 text-sm text-muted-foreground">
              You are invited as <strong className="text-foreground">{invite.username}</strong> ({invite.role}). Choose
              a password to finish.
            </p>
            <AcceptInviteForm token={token} username={invite.username} />
          </>
        ) : (
          <p role="alert" className="mt-2 text-sm text-muted-foreground">
            This invite link is unknown, used or expired: ask an admin for a new one.
          </p>
        )}
      </div>
    </main>
  );
}
