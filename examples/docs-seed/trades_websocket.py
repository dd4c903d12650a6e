# The Vega docs' Python example for streaming trades, with websocket-client (Debian's
# python3-websocket), pointed at any data node:
#   python3 examples/docs-seed/trades_websocket.py ws://127.0.0.1:3008 [count]
import sys
import websocket

node = sys.argv[1] if len(sys.argv) > 1 else "wss://api.n07.testnet.vega.xyz"
count = int(sys.argv[2]) if len(sys.argv) > 2 else None

ws = websocket.create_connection(f"{node}/api/v2/stream/trades")
received = 0
while count is None or received < count:
    print(ws.recv(), flush=True)
    received += 1
ws.close()
