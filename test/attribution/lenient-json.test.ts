import { fillEmptyValues, parseLenientJson } from '../../src/attribution/lenient-json';

describe('fillEmptyValues', () => {
  it.each<{ name: string; given: string; want: string }>([
    {
      name: 'when a value is empty before a comma, then it becomes null',
      given: '{"status":200,"upstream_response_time":,"x":1}',
      want: '{"status":200,"upstream_response_time":null,"x":1}',
    },
    {
      name: 'when the last value is empty, then it becomes null',
      given: '{"upstream_response_time": }',
      want: '{"upstream_response_time":null }',
    },
    {
      name: 'when the empty value is followed by a newline, then it becomes null',
      given: '{"a":\n,"b":1}',
      want: '{"a":null\n,"b":1}',
    },
    {
      name: 'when ":," is inside a string, then the string is left alone',
      given: '{"referer":"https://a.example/\\":,x","t":,"q":"\\\\"}',
      want: '{"referer":"https://a.example/\\":,x","t":null,"q":"\\\\"}',
    },
    {
      name: 'when nothing is empty, then the text is unchanged',
      given: '{"a":{"b":[1,2]},"c":"d:,}"}',
      want: '{"a":{"b":[1,2]},"c":"d:,}"}',
    },
  ])('$name', ({ given, want }) => {
    expect(fillEmptyValues(given)).toBe(want);
  });
});

describe('parseLenientJson', () => {
  it('when the text has the empty-value defect, then it parses with null there', () => {
    expect(parseLenientJson('{"a":,"b":"x"}')).toEqual({ a: null, b: 'x' });
  });

  it('when the text is valid JSON, then it parses as JSON.parse does', () => {
    expect(parseLenientJson('[1,"two",null]')).toEqual([1, 'two', null]);
  });

  it('when the text is not JSON even after the repair, then the result is undefined', () => {
    expect(parseLenientJson('{"a":,,"b"}')).toBeUndefined();
  });

  it('when the text is JSON null, then the result is null, not a failure', () => {
    expect(parseLenientJson('null')).toBeNull();
  });
});
