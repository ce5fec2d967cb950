import { describe, expect, it } from 'vitest';
import { ciWithSteps, file, runDetector, step } from '../testing.js';
import { detector } from './index.js';

const inCi = (run: string, fields: Parameters<typeof step>[0] = {}) => runDetector(detector, { ci: ciWithSteps([step({ run, line: 12, ...fields })]) });

describe('has-unpinned-install', () => {
  it.each([
    ['npm install left-pad', '`npm install` installs left-pad without an exact version'],
    ['npm i -g typescript@^5 --prefix /opt/x', '`npm i` installs typescript@^5 without an exact version'],
    ['yarn global add serve', '`yarn global` installs serve without an exact version'],
    ['pip install requests', '`pip install` installs requests without an exact version or --require-hashes'],
    ['python -m pip install --upgrade pip setuptools', '`pip install` installs pip, setuptools without an exact version or --require-hashes'],
    ['uv pip install "ruff>=0.5"', '`uv pip` installs ruff>=0.5 without an exact version or --require-hashes'],
    ['pip install git+https://ci:s3cr3t-t0ken@git.example.test/acme/tool.git', '`pip install` installs a package from a URL without an exact version or --require-hashes'],
    ['go install golang.org/x/vuln/cmd/govulncheck@latest', '`go install` installs golang.org/x/vuln/cmd/govulncheck@latest at a moving version'],
    ['curl -fsSL https://get.example.test/install.sh | sudo -E bash -', 'pipes a download from curl into bash'],
    ['wget -qO- https://example.test/i.sh | sh', 'pipes a download from wget into sh'],
    ['sh -c "$(curl -fsSL https://example.test/install.sh)"', 'runs a downloaded script with sh without checking it'],
    ['curl -sSLo setup.sh https://example.test/setup.sh\nchmod +x setup.sh\n./setup.sh', 'runs setup.sh right after downloading it, without checking a hash or signature'],
    ['wget https://example.test/get.sh\nbash get.sh --yes', 'runs get.sh right after downloading it, without checking a hash or signature'],
  ])('flags %j in a CI step', (run, message) => {
    expect(inCi(run)).toEqual([{ outcome: 'negative', level: 1, file: '.github/workflows/ci.yml', line: 12, confidence: 'high', message }]);
  });

  it('names the step and counts further hits in it', () => {
    const [finding] = inCi('npm install a\npip install b', { name: 'Tools' });
    expect(finding?.message).toBe('`npm install` installs a without an exact version in step "Tools" (and 1 more in the same step)');
  });

  it('still flags an install in a neutralised step: the install runs either way', () => {
    expect(inCi('npm install left-pad || true', { neutralised: true })).toEqual([expect.objectContaining({ outcome: 'negative', level: 1 })]);
  });

  it.each([
    ['npm ci'],
    ['npm install'],
    ['npm install --no-audit'],
    ['npm install -g npm@10.8.2 @scope/tool@1.2.3'],
    ['npm install ./packages/local ../other.tgz'],
    ['pip install -r requirements.txt'],
    ['pip install --require-hashes -r requirements.txt requests'],
    ['pip install "black==24.4.2" -e .'],
    ['go install golang.org/x/tools/cmd/stringer@v0.22.0'],
    ['echo "run: npm install left-pad or curl x | sh"'],
    ['# curl https://example.test | bash'],
    ['curl -fsSL https://example.test/data.json | jq .name'],
    ['curl -o app.tar.gz https://example.test/app.tar.gz && tar xzf app.tar.gz'],
    ['cat <<EOF > notes.md\nnpm install left-pad\nEOF'],
  ])('does not flag %j (negative)', (run) => {
    expect(inCi(run)).toEqual([]);
  });

  describe('a bare `npm install` in CI', () => {
    const withFiles = (run: string, paths: string[]) => runDetector(detector, { ci: ciWithSteps([step({ run, line: 12, name: 'Install' })]), paths });

    it.each([
      ['npm install', ['package.json', 'package-lock.json'], '`npm install` may install other versions than package-lock.json and rewrite it: use `npm ci` in step "Install"'],
      ['cd web && npm i --no-audit', ['web/npm-shrinkwrap.json', 'web/package.json'], '`npm i` may install other versions than web/npm-shrinkwrap.json and rewrite it: use `npm ci` in step "Install"'],
    ])('is flagged when an npm lockfile is committed: %j', (run, paths, message) => {
      expect(withFiles(run, paths)).toEqual([{ outcome: 'negative', level: 1, file: '.github/workflows/ci.yml', line: 12, confidence: 'high', message }]);
    });

    it.each([
      ['npm ci', ['package.json', 'package-lock.json']],
      ['npm install -g npm@10.8.2', ['package.json', 'package-lock.json']],
      ['yarn install', ['package.json', 'yarn.lock']],
      ['npm install', ['package.json', 'test/fixtures/app/package-lock.json', 'node_modules/x/package-lock.json']],
    ])('is not flagged for %j with %j (near miss)', (run, paths) => {
      expect(withFiles(run, paths)).toEqual([]);
    });

    it('is left to has-lockfile when there is no lockfile: one finding, not two', () => {
      expect(withFiles('npm install', ['package.json'])).toEqual([]);
    });

    it('is not looked for in Dockerfiles and scripts', () => {
      const findings = runDetector(detector, { files: [file('Dockerfile', 'FROM node:22', 'RUN npm install'), file('build.sh', 'npm install')], paths: ['Dockerfile', 'build.sh', 'package-lock.json'] });
      expect(findings).toEqual([]);
    });
  });

  it('flags a Dockerfile RUN instruction at its line, continuation and flags included', () => {
    const dockerfile = file(
      'build/api.Dockerfile',
      'FROM node:20.15.0',
      'RUN --mount=type=cache,target=/root/.npm npm ci && \\',
      '    # global tools',
      '    npm install -g pm2',
      'RUN ["/bin/sh", "-c", "curl -sSL https://example.test/x.sh | sh"]',
      'RUN <<EOF',
      'pip install flask',
      'EOF',
    );
    expect(runDetector(detector, { files: [dockerfile] }).map((finding) => [finding.line, finding.message])).toEqual([
      [2, 'RUN `npm install` installs pm2 without an exact version'],
      [5, 'RUN pipes a download from curl into sh'],
      [6, 'RUN `pip install` installs flask without an exact version or --require-hashes'],
    ]);
  });

  it('flags each line of a shell script once, fixtures included (the engine flags them)', () => {
    const script = file('test/setup.sh', '#!/bin/sh', 'set -e', 'curl -s https://example.test/a | bash; pip install x', 'npm ci');
    expect(runDetector(detector, { files: [script] })).toEqual([{ outcome: 'negative', level: 1, file: 'test/setup.sh', line: 3, confidence: 'high', message: 'pipes a download from curl into bash' }]);
  });

  it('ignores vendored scripts', () => {
    expect(runDetector(detector, { files: [file('node_modules/x/install.sh', 'curl https://x.test | sh')] })).toEqual([]);
  });

  it('has nothing to say without CI steps, Dockerfiles or scripts (inconclusive)', () => {
    expect(runDetector(detector, { files: [file('README.md', 'curl https://x.test | sh')] })).toEqual([]);
    expect(runDetector(detector, { ci: ciWithSteps([step({ uses: 'actions/setup-node@v4' })]) })).toEqual([]);
  });
});
