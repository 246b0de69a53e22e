import "server-only";
// Multipart upload parsing; a malformed form is the caller's mistake (400), never a 500.
import type { NextRequest } from "next/server";
import { readBodyLimited } from "../body";
import { HttpError } from "../errors";
import { UPLOAD_MAX_TOTAL } from "./files";

export async function readUploadedFiles(req: NextRequest): Promise<File[]> {
  const type = req.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("multipart/form-data"))
    throw new HttpError(
      415,
      "unsupported_media_type",
      'Send the files as multipart/form-data in a field named "files"',
    );
  // The form's framing adds a little to the files' own bytes.
  const bytes = await readBodyLimited(req, UPLOAD_MAX_TOTAL + 1024 * 1024, "The upload");
  let form: FormData;
  try {
    form = await new Response(bytes, { headers: { "content-type": type } }).formData();
  } catch (e) {
    throw new HttpError(400, "malformed_form", `The upload is not a readable multipart form: ${(e as Error).message}`);
  }
  return form.getAll("files").filter((v): v is File => typeof v !== "string");
}
