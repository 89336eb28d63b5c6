/** What `fetch` is called with, named so a mock's recorded calls keep their request types. */
export type FetchArgs = [url: RequestInfo | URL, init?: RequestInit];

/** A fetch that answers every call from `answer` (a fresh Response each time: a body is read once). */
export function fetchMock(
  answer: (...args: FetchArgs) => Response | Promise<Response>,
): jest.Mock<Promise<Response>, FetchArgs> {
  return jest.fn<Promise<Response>, FetchArgs>((...args) => Promise.resolve(answer(...args)));
}

/** The JSON a request sent: the clients send every body as a string. */
export function sentBody(init: RequestInit | undefined): unknown {
  if (typeof init?.body !== 'string') throw new Error(`The request sent no JSON text: ${typeof init?.body}`);
  return JSON.parse(init.body);
}

/** The address a call went to, whichever form fetch was given it in. */
export function requestedUrl(url: RequestInfo | URL): string {
  return typeof url === 'string' ? url : url instanceof URL ? url.href : url.url;
}
