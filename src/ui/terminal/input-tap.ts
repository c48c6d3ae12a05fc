/**
 * The stdin Ink reads from, with `onInput` called whenever Ink takes a chunk of input (Ink reads
 * on 'readable'); everything else goes to the real stream unchanged.
 */
export function tapInput(stdin: NodeJS.ReadStream, onInput: () => void): NodeJS.ReadStream {
  return new Proxy(stdin, {
    get(target, property) {
      if (property === 'read') {
        return (...args: [number?]) => {
          const chunk: unknown = target.read(...args);
          if (chunk !== null) onInput();
          return chunk;
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
