// The Teams app manifest, filled with test values, against Microsoft's published JSON schema for its manifestVersion
// (bundled by @microsoft/app-manifest, so offline), and against what the schema cannot express.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import type { PackageValues } from '../../../scripts/src/deployValues';
import { ICON_FILES } from '../../../scripts/src/manifest/buildPackage';
import { fillTemplate, manifestPlaceholders, placeholdersIn } from '../../../scripts/src/manifest/fillTemplate';
import { ACCENT_COLOR, drawColorIcon, drawOutlineIcon } from '../../../scripts/src/manifest/icons';
import {
  SURFACE_FOR_FRAME_CONTEXT,
  PERSONAL_TABS,
  TAB_PLACEMENTS,
  chooseSurface,
  isHandledContext,
} from '../../../tab/src/host/surfaces';
import {
  MANIFEST_VERSION,
  bundledSchemaPath,
  contextProblems,
  domainProblems,
  iconProblems,
  manifestUrls,
  onValidDomain,
  packageProblems,
  schemaProblems,
  ssoProblems,
  type CandorManifest,
} from '../../../scripts/src/manifest/validateManifest';

const MANIFEST_DIR = path.resolve(__dirname, '..', '..', '..', 'manifest');
const template: unknown = JSON.parse(readFileSync(path.join(MANIFEST_DIR, 'manifest.template.json'), 'utf8'));
const values: PackageValues = {
  hostName: 'stapp-abc123.azurestaticapps.net',
  clientId: '4b2d8e6f-1a3c-4d5e-8f7a-9b0c1d2e3f4a',
  appId: '5c7f57c1-b52e-58ee-95fa-3bd8fea4ad85',
  appVersion: '1.2.3',
};
const filled = () => structuredClone(fillTemplate(template, manifestPlaceholders(values))) as CandorManifest;
const icons = new Map(ICON_FILES.map((f) => [f, new Uint8Array(readFileSync(path.join(MANIFEST_DIR, 'icons', f)))]));

describe('manifest template', () => {
  it('uses exactly the placeholders npm run package fills', () => {
    expect([...placeholdersIn(template)].sort()).toEqual(Object.keys(manifestPlaceholders(values)).sort());
  });

  it('is filled inside strings only, leaving no placeholder behind', () => {
    const manifest = filled();
    expect(JSON.stringify(manifest)).not.toMatch(/\{\{/);
    expect(manifest.id).toBe(values.appId);
    expect(manifest.version).toBe('1.2.3');
    expect(manifest.validDomains).toEqual([values.hostName]);
  });
});

describe('schema', () => {
  it(`uses manifest ${MANIFEST_VERSION}, whose schema @microsoft/app-manifest bundles`, () => {
    const manifest = filled();
    expect(manifest.manifestVersion).toBe(MANIFEST_VERSION);
    expect(manifest.$schema).toBe(
      `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`,
    );
    const schema = JSON.parse(readFileSync(bundledSchemaPath(MANIFEST_VERSION), 'utf8')) as {
      properties: { manifestVersion: { const?: string; enum?: string[] } };
    };
    expect(schema.properties.manifestVersion.const ?? schema.properties.manifestVersion.enum).toEqual(
      schema.properties.manifestVersion.const ? MANIFEST_VERSION : [MANIFEST_VERSION],
    );
  });

  it('passes Microsoft’s JSON schema for that version', () => {
    expect(schemaProblems(filled())).toEqual([]);
  });

  it('rejects what Teams would reject: a wrongly cased context, a wrongly cased scope, a bad id', () => {
    const context = filled();
    context.configurableTabs![0]!.context = ['meetingsidepanel' as never];
    expect(schemaProblems(context).join('\n')).toMatch(
      /configurableTabs\/0\/context\/0 must be equal to one of the allowed values/,
    );
    const scope = filled();
    scope.configurableTabs![0]!.scopes = ['groupchat' as never];
    expect(schemaProblems(scope).join('\n')).toMatch(/configurableTabs\/0\/scopes\/0/);
    const id = filled();
    id.webApplicationInfo!.id = 'not-a-guid';
    expect(schemaProblems(id).join('\n')).toMatch(/webApplicationInfo\/id must match pattern/);
  });

  it('says plainly when no schema is bundled for a version', () => {
    expect(() => bundledSchemaPath('1.18')).toThrow(/bundles no schema for manifestVersion "1.18"/);
  });
});

describe('what the schema cannot express', () => {
  it('finds nothing wrong with the filled manifest and the committed icons', () => {
    expect(packageProblems(filled(), icons)).toEqual([]);
  });

  describe('icons', () => {
    const png = (width: number, height: number, pixel: (x: number, y: number) => [number, number, number, number]) => {
      const image = new PNG({ width, height });
      for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) image.data.set(pixel(x, y), (y * width + x) * 4);
      return new Uint8Array(PNG.sync.write(image));
    };

    it('are what scripts/src/manifest/icons.ts draws (npm run icons)', () => {
      const pixels = (bytes: Uint8Array) => PNG.sync.read(Buffer.from(bytes)).data;
      expect(pixels(icons.get('color.png')!).equals(pixels(drawColorIcon()))).toBe(true);
      expect(pixels(icons.get('outline.png')!).equals(pixels(drawOutlineIcon()))).toBe(true);
    });

    it('are 192×192 in colour on the accent colour, and 32×32 white on transparent', () => {
      const color = PNG.sync.read(Buffer.from(icons.get('color.png')!));
      expect([color.width, color.height]).toEqual([192, 192]);
      expect(filled().accentColor).toBe(ACCENT_COLOR);
      const outline = PNG.sync.read(Buffer.from(icons.get('outline.png')!));
      expect([outline.width, outline.height]).toEqual([32, 32]);
      const alphas = new Set<number>();
      for (let i = 0; i < outline.data.length; i += 4) {
        alphas.add(outline.data[i + 3]!);
        if (outline.data[i + 3]! > 0) expect([...outline.data.subarray(i, i + 3)]).toEqual([255, 255, 255]);
      }
      expect(alphas.has(0)).toBe(true);
      expect(alphas.has(255)).toBe(true);
    });

    it('reports a wrong size, a coloured outline pixel, a missing file and a transparent colour icon', () => {
      const manifest = filled();
      const transparent = png(32, 32, () => [255, 255, 255, 0]);
      const tinted = png(32, 32, (x) => (x === 3 ? [255, 0, 0, 255] : x < 3 ? [255, 255, 255, 255] : [0, 0, 0, 0]));
      expect(
        iconProblems(
          manifest,
          new Map([
            ['color.png', transparent],
            ['outline.png', tinted],
          ]),
        ),
      ).toEqual([
        'icons.color: color.png is 32×32, Teams needs 192×192',
        'icons.color: color.png has transparent pixels',
        "accentColor #23706b differs from the colour icon's background #ffffff",
        'icons.outline: 32 pixels are neither white nor fully transparent',
      ]);
      expect(iconProblems(manifest, new Map([['color.png', icons.get('color.png')!]]))).toEqual([
        'icons.outline: outline.png is not in the package',
      ]);
    });
  });

  describe('domains', () => {
    it('lists every URL of the manifest on the tab’s host', () => {
      const urls = manifestUrls(filled());
      // developer website, privacy and terms; the configuration page; the trends tab.
      expect(urls.map((u) => u.at).sort()).toEqual(
        [
          '.configurableTabs[0].configurationUrl',
          '.developer.privacyUrl',
          '.developer.termsOfUseUrl',
          '.developer.websiteUrl',
          '.staticTabs[0].contentUrl',
          '.staticTabs[1].contentUrl',
        ].sort(),
      );
      for (const { url } of urls) expect(new URL(url).hostname).toBe(values.hostName);
    });

    it('reports a URL outside validDomains and a plain-http URL', () => {
      const manifest = filled();
      manifest.developer.privacyUrl = 'https://elsewhere.example.com/privacy';
      manifest.staticTabs![0]!.contentUrl = `http://${values.hostName}/?surface=home`;
      expect(domainProblems(manifest)).toEqual([
        `.developer.privacyUrl: elsewhere.example.com is not in validDomains (${values.hostName})`,
        `.staticTabs[0].contentUrl: http://${values.hostName}/?surface=home must use https`,
      ]);
    });

    it('matches wildcards the way Teams does', () => {
      expect(onValidDomain('a.example.com', ['*.example.com'])).toBe(true);
      expect(onValidDomain('example.com', ['*.example.com'])).toBe(false);
      expect(onValidDomain('badexample.com', ['*.example.com'])).toBe(false);
      expect(onValidDomain('Example.COM', ['example.com'])).toBe(true);
    });
  });

  describe('single sign-on', () => {
    it('uses api://<tab host>/<client id> as the resource', () => {
      expect(filled().webApplicationInfo).toEqual({
        id: values.clientId,
        resource: `api://${values.hostName}/${values.clientId}`,
      });
    });

    it('reports a resource on another host or for another client id', () => {
      const manifest = filled();
      manifest.webApplicationInfo!.resource = `api://other.example.com/11111111-1111-4111-8111-111111111111`;
      expect(ssoProblems(manifest)).toEqual([
        `webApplicationInfo.resource ends in 11111111-1111-4111-8111-111111111111, not the client id ${values.clientId}`,
        'webApplicationInfo.resource host other.example.com is not in validDomains',
        'webApplicationInfo.resource host other.example.com is not the host the tab is served from',
      ]);
    });
  });

  describe('contexts', () => {
    it('puts the configurable tab in the three meeting surfaces of a group chat, spelled as Teams spells them', () => {
      const [tab] = filled().configurableTabs!;
      expect(tab!.scopes).toEqual(['groupChat']);
      expect(tab!.context).toEqual(['meetingSidePanel', 'meetingDetailsTab', 'meetingChatTab']);
      expect(new URL(tab!.configurationUrl).searchParams.get('surface')).toBe('config');
    });

    it('pins Home first and Trends second as personal tabs, which Teams, Outlook and Microsoft 365 all run', () => {
      expect(filled().staticTabs).toEqual([
        expect.objectContaining({
          entityId: 'candor-home',
          scopes: ['personal'],
          context: ['personalTab'],
          contentUrl: `https://${values.hostName}/?surface=home`,
        }),
        // The monthly digest links this tab by its entity id.
        expect.objectContaining({
          entityId: 'candor-trends',
          scopes: ['personal'],
          context: ['personalTab'],
          contentUrl: `https://${values.hostName}/?surface=trends`,
        }),
      ]);
      expect(PERSONAL_TABS.map((t) => t.entityId)).toEqual(filled().staticTabs!.map((t) => t.entityId));
    });

    it('gives each meeting context the surface the tab picks from its frame context (one contentUrl for all three)', () => {
      const [tab] = filled().configurableTabs!;
      const surfaces = tab!
        .context!.filter(isHandledContext)
        .map((c) => [c, chooseSurface(null, TAB_PLACEMENTS[c].frameContext)]);
      expect(surfaces).toEqual([
        ['meetingSidePanel', 'board'],
        ['meetingDetailsTab', 'prep'],
        ['meetingChatTab', 'prep'],
      ]);
      expect(new URL(tab!.configurationUrl).searchParams.get('surface')).toBe(SURFACE_FOR_FRAME_CONTEXT.settings);
    });

    it('lists only contexts the tab handles', () => {
      const manifest = filled();
      const listed = [
        ...manifest.configurableTabs!.flatMap((t) => t.context ?? []),
        ...manifest.staticTabs!.flatMap((t) => t.context ?? []),
      ];
      expect(listed.filter((c) => !(c in TAB_PLACEMENTS))).toEqual([]);
      expect(contextProblems(manifest)).toEqual([]);
    });

    it('reports a context the tab does not handle and a static tab opening the wrong surface', () => {
      const manifest = filled();
      manifest.configurableTabs![0]!.context!.push('meetingStage');
      manifest.staticTabs![0]!.contentUrl = `https://${values.hostName}/?surface=board`;
      manifest.staticTabs![1]!.contentUrl = `https://${values.hostName}/?surface=home`;
      expect(contextProblems(manifest)).toEqual([
        'configurableTabs[0] lists context meetingStage, which the tab does not handle',
        'staticTabs[0] (candor-home) must open ?surface=home, not board',
        'staticTabs[1] (candor-trends) must open ?surface=trends, not home',
      ]);
    });

    it('reports a personal tab Candor does not know and personal tabs out of order', () => {
      const manifest = filled();
      manifest.staticTabs!.reverse();
      manifest.staticTabs!.push({ ...manifest.staticTabs![0]!, entityId: 'candor-other' });
      expect(contextProblems(manifest)).toEqual([
        'staticTabs[0] is candor-trends; Candor lists candor-home there',
        'staticTabs[1] is candor-home; Candor lists candor-trends there',
        'staticTabs[2] is candor-other, a personal tab Candor does not have',
      ]);
    });
  });

  describe('store listing', () => {
    it('describes Candor without HR jargon', () => {
      const { name, description } = filled();
      const text = [name.short, name.full, description.short, description.full].join('\n');
      for (const word of [/perform/i, /\brating/i, /evaluat/i, /apprais/i, /assess/i, /\bKPI/])
        expect(text).not.toMatch(word);
      expect(description.short.length).toBeLessThanOrEqual(80);
      expect(description.full).toMatch(/Outlook/);
    });
  });
});
