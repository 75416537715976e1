import { compose, dockerStages, readRepoFile, readRepoFileIfAny } from './repo-files';

const DOCKERFILES = { api: 'apps/api/Dockerfile', web: 'apps/web/Dockerfile' } as const;
const stagesOf = (app: keyof typeof DOCKERFILES) => dockerStages(readRepoFile(DOCKERFILES[app]));
const finalStage = (app: keyof typeof DOCKERFILES) => stagesOf(app).at(-1);
const buildStage = (app: keyof typeof DOCKERFILES) =>
  stagesOf(app).find((stage) => stage.name === 'build');

/** The places that tell people and CI how to build: the images must build the same way. */
function documentedBuildText(): string {
  const sources = ['.ci/run', 'README.md'].map(readRepoFileIfAny);
  expect(sources.some((text) => text !== null)).toBe(true);
  return sources.join('\n').replace(/\s+/g, ' ');
}

describe.each(Object.keys(DOCKERFILES) as (keyof typeof DOCKERFILES)[])('the %s image', (app) => {
  it('builds on Node 20 slim, at least 20.19', () => {
    const from = buildStage(app)?.from ?? '';
    const [, minor] = /^node:20\.(\d+)-slim$/.exec(from) ?? [];
    expect(Number(minor)).toBeGreaterThanOrEqual(19);
  });

  it('builds with the commands CI and the README use', () => {
    const steps = buildStage(app)?.runCommands ?? [];
    expect(steps).toEqual(['npm ci', `npx nx run ${app}:build`]);
    const documented = documentedBuildText();
    expect(steps.filter((step) => !documented.includes(step))).toEqual([]);
  });

  it('runs as a non-root user', () => {
    expect(finalStage(app)?.user).toMatch(/^(node|nginx)$/);
  });
});

describe('the api image', () => {
  it('ships production dependencies, the built API and the contract package', () => {
    const dockerfile = readRepoFile(DOCKERFILES.api);
    expect(finalStage('api')?.runCommands).toContain('npm ci --omit=dev');
    expect(dockerfile).toMatch(
      /COPY --from=build \/app\/libs\/contract\/dist libs\/contract\/dist/,
    );
    expect(dockerfile).toMatch(/COPY libs\/contract\/package\.json libs\/contract\//);
    expect(dockerfile).toMatch(/COPY --from=build \/app\/dist\/apps\/api dist\/apps\/api/);
    expect(finalStage('api')?.cmd).toBe('["node", "dist/apps/api/main.js"]');
  });
});

describe('the web image', () => {
  const nginx = readRepoFile('apps/web/nginx.conf');

  it('serves the built SPA through nginx with its own config', () => {
    const dockerfile = readRepoFile(DOCKERFILES.web);
    expect(finalStage('web')?.from).toMatch(/^nginx:[\d.]*-?alpine$/);
    expect(dockerfile).toContain('COPY apps/web/nginx.conf /etc/nginx/nginx.conf');
    expect(dockerfile).toContain('COPY --from=build /app/dist/apps/web /usr/share/nginx/html');
  });

  it('balances over exactly the compose API replicas, sticky by client address', () => {
    const upstream = /upstream api \{([^}]*)\}/.exec(nginx)?.[1] ?? '';
    expect(upstream).toMatch(/^\s*ip_hash;/);
    const servers = [...upstream.matchAll(/server ([\w-]+):(\d+);/g)].map((m) => `${m[1]}:${m[2]}`);
    const replicas = Object.entries(compose.services)
      .filter(([, service]) => service.build?.dockerfile === DOCKERFILES.api)
      .map(([name, service]) => `${name}:${service.environment?.['PORT'] ?? ''}`);
    expect(servers).toEqual(replicas);
  });

  it('proxies /api and upgrades /socket.io to WebSocket', () => {
    expect(nginx).toMatch(/location \/api\/ \{\s*proxy_pass http:\/\/api;/);
    const socketIo = /location \/socket\.io\/ \{([^}]*)\}/.exec(nginx)?.[1] ?? '';
    expect(socketIo).toContain('proxy_pass http://api;');
    expect(socketIo).toContain('proxy_http_version 1.1;');
    expect(socketIo).toContain('proxy_set_header Upgrade $http_upgrade;');
    expect(socketIo).toContain('proxy_set_header Connection $connection_upgrade;');
    // The API refuses browser handshakes whose Origin differs from Host, so the port must survive.
    expect(socketIo).toContain('proxy_set_header Host $http_host;');
  });

  it('falls back to index.html for SPA routes and caps bodies at 64 KiB', () => {
    expect(nginx).toMatch(/location \/ \{\s*try_files \$uri \$uri\/ \/index\.html;/);
    expect(nginx).toMatch(/^\s*client_max_body_size 64k;/m);
    expect(nginx).toMatch(/listen 8080;/);
  });
});
