// The Vega docs' Node example for streaming trades, with the `websocket` npm package, pointed at
// any data node: node examples/docs-seed/trades-websocket.cjs ws://127.0.0.1:3008 [count]
// Prints each message as it comes, then exits after `count` messages (default: never).
const WebSocketClient = require('websocket').client;

const node = process.argv[2] || 'wss://api.n07.testnet.vega.xyz';
const count = Number(process.argv[3] || Infinity);
const client = new WebSocketClient();

client.on('connectFailed', (error) => {
  console.error(`Connect error: ${error.toString()}`);
  process.exitCode = 1;
});

client.on('connect', (connection) => {
  let received = 0;
  connection.on('error', (error) => console.error(`Connection error: ${error.toString()}`));
  connection.on('close', () => console.error('Connection closed'));
  connection.on('message', (message) => {
    if (message.type !== 'utf8') return;
    console.log(message.utf8Data);
    received += 1;
    if (received >= count) connection.close();
  });
});

client.connect(`${node}/api/v2/stream/trades`);
