import type { InputGate } from './input-gate.js';

/**
 * The stdin Ink reads from, with `onInput` called whenever Ink takes a chunk of input (Ink reads
 * on 'readable'); everything else goes to the real stream unchanged. While `gate` is diverted (a
 * shell has the terminal), what is read goes to the shell and Ink reads nothing.
 */
export function tapInput(stdin: NodeJS.ReadStream, onInput: () => void, gate?: InputGate): NodeJS.ReadStream {
  return new Proxy(stdin, {
    get(target, property) {
      if (property === 'read') {
        return (...args: [number?]) => {
          if (gate?.diverted) {
            while (gate.forward(target.read())) {
              // drained into the shell
            }
            return null;
          }
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
