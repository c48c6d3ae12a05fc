// A ProxyCommand for tests (no nc/socat on these machines): relays stdin/stdout to HOST:PORT.
import { connect } from 'node:net';

const [host, port] = process.argv.slice(2);
const socket = connect(Number(port), host);
process.stdin.pipe(socket);
socket.pipe(process.stdout);
socket.on('error', (err) => {
  process.stderr.write(`tcp-relay: ${err.message}\n`);
  process.exit(1);
});
socket.on('close', () => process.exit(0));
