# A TCP proxy that delays every chunk by DELAY seconds each way (a slow link:
# 2 * DELAY per round trip), keeping requests that are sent back to back
# overlapped.  Used by indexes.sh (issue 27 item 8).
#   python3 delay_proxy.py LISTEN_PORT TARGET_PORT DELAY
import asyncio
import sys

listen, target, delay = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])


async def pipe(reader, writer):
    loop = asyncio.get_running_loop()
    try:
        while True:
            data = await reader.read(65536)
            if not data:
                break
            loop.call_later(delay, writer.write, data)
    finally:
        await asyncio.sleep(delay * 2)
        writer.close()


async def handle(client_reader, client_writer):
    server_reader, server_writer = await asyncio.open_connection("127.0.0.1", target)
    await asyncio.gather(pipe(client_reader, server_writer), pipe(server_reader, client_writer))


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", listen)
    async with server:
        await server.serve_forever()


asyncio.run(main())
