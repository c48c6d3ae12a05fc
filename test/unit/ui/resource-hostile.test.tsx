import { afterEach, describe, expect, it } from 'vitest';
import { mergeImages } from '../../../src/domain/resources/merge.js';
import { App } from '../../../src/ui/App.js';
import { FakeResources, sampleListings } from './resources-fake.js';
import { ManualClock, renderSized, sampleFleet, theme, waitForText } from './support.js';

const mounted: Array<{ unmount(): void }> = [];
afterEach(() => {
  for (const m of mounted.splice(0)) m.unmount();
});

// What a hostile daemon could put in a tag or a container name: retitle, clear, bell, bidi, new row.
const evil = (visible: string): string => `${visible}\x1b]0;pwned\x07\x1b[2J\x1b[H\x07\u202e\r\n`;

describe('hostile strings in the resource views', () => {
  it('tags, container names and host errors render inert in the list and on the page', async () => {
    const listings = sampleListings();
    const first = listings.images.rows[0]!;
    listings.images = {
      ...listings.images,
      rows: mergeImages([
        [
          {
            host: 'web-a',
            id: first.id,
            tags: [evil('tiny:latest')],
            digests: [],
            sizeBytes: 1,
            created: 1,
            containers: 1,
            users: [evil('web-1')],
            dangling: false,
            labels: {},
          },
        ],
      ]),
      unreachable: [{ host: 'web-c', problem: { code: 'timeout', message: evil('daemon said') } }],
    };
    const r = renderSized(
      <App
        reader={sampleFleet()}
        readOnly={false}
        wallboard={false}
        theme={theme('none')}
        colorMode="none"
        onQuit={() => undefined}
        loadDetails={async () => {
          throw new Error('not used');
        }}
        clock={new ManualClock()}
        initialView="images"
        loadResources={new FakeResources(listings).load}
      />,
      { columns: 140, rows: 30 },
    );
    mounted.push(r.instance);
    const inert = (frame: string): void => {
      // eslint-disable-next-line no-control-regex
      expect(frame).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
      expect(frame).not.toContain('pwned');
      expect(frame).not.toContain('\u202e');
    };
    inert(await waitForText(r.lastFrame, 'daemon said'));
    r.stdin.write('\r');
    const page = await waitForText(r.lastFrame, 'Where:');
    expect(page).toContain('web-a/web-1');
    inert(page);
  });
});
