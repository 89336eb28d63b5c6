import { meetingChatIdFromJoinUrl } from './calendar';

describe('meetingChatIdFromJoinUrl', () => {
  it('decodes the chat thread id of a Teams join link', () => {
    const url =
      'https://teams.microsoft.com/l/meetup-join/19%3ameeting_NDQ4MGRhYjgtMzc5MS00ZWMxLWJiZjEtOTIxZmM5Mzg3ZGFi%40thread.v2/0?context=%7b%22Tid%22%3a%22t%22%7d';
    expect(meetingChatIdFromJoinUrl(url)).toBe('19:meeting_NDQ4MGRhYjgtMzc5MS00ZWMxLWJiZjEtOTIxZmM5Mzg3ZGFi@thread.v2');
  });

  it.each([
    [null],
    [''],
    ['not a url'],
    ['https://teams.microsoft.com/meet/2345678?p=abc'],
    ['https://teams.microsoft.com/l/meetup-join/'],
    ['https://teams.microsoft.com/l/meetup-join/%E0%A4%A/0'],
  ])('returns null for %p', (url) => {
    expect(meetingChatIdFromJoinUrl(url)).toBeNull();
  });
});
