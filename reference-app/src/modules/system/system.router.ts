// The system procedures: `system.info` answers the service's name, version and uptime.
import { publicProcedure, router } from "../../trpc.js";

export const systemRouter = router({
  info: publicProcedure.query(({ ctx }) => ctx.services.system.info()),
});
