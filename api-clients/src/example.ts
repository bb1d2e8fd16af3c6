// The usage shown in docs/clients.md, compiled with the generated clients (tsc --strict) so the guide cannot drift
// from what the generator produces.
import {
  Configuration,
  MembersApi,
  OrganizationsApi,
  ProblemFromJSON,
  ResponseError,
  type Member,
} from "../target/clients/membership";
import { Configuration as DuesConfiguration, ReportsApi } from "../target/clients/dues";

/** Members of the caller's town, first page; a refusal becomes the problem's own words. */
export async function townMembers(gateway: string, accessToken: () => Promise<string>, townId: number): Promise<Member[]> {
  const config = new Configuration({ basePath: gateway, accessToken });
  const town = await new OrganizationsApi(config).getOrg({ id: townId });
  try {
    const page = await new MembersApi(config).listMembers({ orgId: town.id, page: 0, size: 20 });
    return page.items ?? [];
  } catch (e) {
    if (e instanceof ResponseError) {
      // Every 4xx is application/problem+json: type to switch on, detail to show, errors naming the fields.
      const problem = ProblemFromJSON(await e.response.json());
      const fields = (problem.errors ?? []).map((f) => `${f.field}: ${f.message}`).join("; ");
      throw new Error(`${problem.status} ${problem.type}: ${problem.detail}${fields ? ` (${fields})` : ""}`);
    }
    throw e;
  }
}

/** A public operation: no token needed. */
export async function transparency(gateway: string, orgId: number) {
  return new ReportsApi(new DuesConfiguration({ basePath: gateway })).getTransparencySummary({ orgId, period: "2026-10" });
}
