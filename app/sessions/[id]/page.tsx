import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SessionDetailView } from "@/components/sessions/session-detail";

type Props = { params: Promise<{ id: string }> };

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  return { title: `Session ${safeDecode(id).slice(0, 40)}` };
}

export default async function Page({ params }: Props) {
  const id = safeDecode((await params).id);
  if (!id.trim() || id.length > 256) notFound();
  return <SessionDetailView id={id} />;
}
