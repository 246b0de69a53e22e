import { endpoints } from "@/lib/api/endpoints";
import { getAgb } from "@/lib/server/agb";
import { streamCode } from "@/lib/server/console/stream";
import { route } from "@/lib/server/route";

export const POST = route(endpoints.streamCode, ({ id, body, req, audit }) =>
  streamCode(getAgb(), id, body, req.signal, ({ requestId, error }) => {
    if (requestId) audit.requestId = requestId;
    if (error) audit.error = error;
  }),
);
