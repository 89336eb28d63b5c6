import { readFileSync } from 'node:fs';
import path from 'node:path';
import { TRENDS_TAB_ENTITY_ID, trendsTabDeepLink } from './trendsTabLink';

const CATALOG_ID = 'b1c5353a-7aca-41b3-830f-27d5218fe0e5';
const TENANT_ID = '6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

describe('the Trends tab deep link', () => {
  it('is the documented personal-tab deep link: the organization-catalog app id, then the static tab entity id', () => {
    const link = new URL(trendsTabDeepLink(CATALOG_ID, TENANT_ID));
    expect(link.origin).toBe('https://teams.microsoft.com');
    expect(link.pathname).toBe(`/l/entity/${CATALOG_ID}/candor-trends`);
    // Only the tenant: webUrl, label and context would need URI encoding, which Outlook does not follow.
    expect([...link.searchParams.keys()]).toEqual(['tenantId']);
    expect(link.searchParams.get('tenantId')).toBe(TENANT_ID);
    expect(trendsTabDeepLink(CATALOG_ID, TENANT_ID)).not.toMatch(/%/);
  });

  it("names the manifest's static tab, so renaming it there cannot leave the email pointing nowhere", () => {
    const manifest = JSON.parse(
      readFileSync(path.resolve(__dirname, '../../../manifest/manifest.template.json'), 'utf8'),
    ) as { staticTabs: Array<{ entityId: string; scopes: string[] }> };
    const personal = manifest.staticTabs.filter((tab) => tab.scopes.includes('personal')).map((tab) => tab.entityId);
    expect(personal).toContain(TRENDS_TAB_ENTITY_ID);
  });

  it('leaves out a tenant given by its domain name rather than its id', () => {
    expect(trendsTabDeepLink(CATALOG_ID, 'contoso.onmicrosoft.com')).toBe(
      `https://teams.microsoft.com/l/entity/${CATALOG_ID}/candor-trends`,
    );
    expect(trendsTabDeepLink(CATALOG_ID, null)).toBe(
      `https://teams.microsoft.com/l/entity/${CATALOG_ID}/candor-trends`,
    );
  });

  it("refuses anything but a catalog id (a GUID): a path or query in it would change the link's meaning", () => {
    for (const bad of ['', 'candor', `${CATALOG_ID}/../x`, `${CATALOG_ID}?webUrl=https://evil.example`])
      expect(() => trendsTabDeepLink(bad, TENANT_ID)).toThrow(RangeError);
  });
});
