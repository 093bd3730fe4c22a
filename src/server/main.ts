import { access } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { newToken } from './access-token';
import { LOOPBACK_HOSTS, openDatasetServer } from './dataset-server';

const USAGE = `Usage: npm run serve -- <dataset.duckdb> [--port 8787] [--host 127.0.0.1] [--allow-remote]
                     [--app build] [--max-rows 200000] [--max-bytes 100000000] [--timeout 30]

  Serves the built app (npm run build) and a read-only query endpoint over the dataset file
  (npm run -s cli -- import <file...> --out <dataset.duckdb>) from one origin.
  --host          the address to listen on; anything but a loopback address needs --allow-remote
  --allow-remote  allow listening beyond this machine (anyone who has the token can read the data)
  --max-rows      rows a query may return; --max-bytes: bytes (Arrow IPC); --timeout: seconds`;

function fail(message: string): never {
	process.stderr.write(`${message}\n`);
	process.exit(2);
}

async function main() {
	const { positionals, values } = parseArgs({
		allowPositionals: true,
		options: {
			port: { type: 'string', default: '8787' },
			host: { type: 'string', default: '127.0.0.1' },
			'allow-remote': { type: 'boolean', default: false },
			app: { type: 'string', default: 'build' },
			'max-rows': { type: 'string', default: '200000' },
			'max-bytes': { type: 'string', default: '100000000' },
			timeout: { type: 'string', default: '30' }
		}
	});
	const [file, ...extra] = positionals;
	if (!file || extra.length) fail(USAGE);
	// The address as a Host header writes it (an IPv6 one in brackets), the server's own names.
	const host = values.host.includes(':') ? `[${values.host}]` : values.host;
	if (!LOOPBACK_HOSTS.includes(host) && !values['allow-remote']) {
		fail(`Listening on ${values.host} reaches beyond this machine: add --allow-remote to mean it.`);
	}
	await access(file).catch(() => fail(`Cannot read ${file}: no such file, or no permission.`));
	await access(`${values.app}/index.html`).catch(() =>
		fail(`No built app in ${values.app}/: run npm run build first.`)
	);
	const numbers = ['port', 'max-rows', 'max-bytes', 'timeout'] as const;
	const [port, maxRows, maxBytes, seconds] = numbers.map((k) => {
		const n = Number(values[k]);
		return Number.isFinite(n) && n > 0 ? n : fail(`--${k} ${values[k]} is not a positive number.`);
	}) as [number, number, number, number];
	const token = newToken();
	const { server, info } = await openDatasetServer({
		file,
		appDir: values.app,
		token,
		limits: { maxRows, maxBytes, timeoutMs: seconds * 1000 },
		connections: Math.max(2, availableParallelism()),
		hosts: values['allow-remote'] ? null : LOOPBACK_HOSTS
	});
	server.listen(port, values.host, () => {
		process.stdout.write(
			`${info.dataset} on ${info.engine}, read only.\n` +
				`Open http://${host}:${port}/?token=${token}\n` +
				`(the token changes at every start; every request needs it)\n`
		);
	});
}

main().catch((e: unknown) => fail(e instanceof Error ? e.message : String(e)));
