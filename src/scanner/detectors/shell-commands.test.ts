import { describe, expect, it } from 'vitest';
import { flagValue, hasFlag, parseShellCommands } from './shell-commands.js';

/** Milliseconds of the fastest of three runs: the first pays for the JIT, and other test files share the CPU. */
function fastestOfThree(run: () => unknown): number {
  const times = [0, 1, 2].map(() => {
    const started = performance.now();
    run();
    return performance.now() - started;
  });
  return Math.min(...times);
}

const argvs = (text: string): string[][] => parseShellCommands(text).map((command) => [...command.argv]);

describe('parseShellCommands', () => {
  it.each([
    ['npm ci && npm test', [['npm', 'ci'], ['npm', 'test']]],
    ['a; b || c & d', [['a'], ['b'], ['c'], ['d']]],
    ['echo "npm install left-pad; curl x | sh"', [['echo', 'npm install left-pad; curl x | sh']]],
    ["echo 'gitleaks detect' # gitleaks git", [['echo', 'gitleaks detect']]],
    ['# npm install foo\nnpm ci', [['npm', 'ci']]],
    ['npm install \\\n  --global \\\n  typescript', [['npm', 'install', '--global', 'typescript']]],
    ['pip install req\\\nuests', [['pip', 'install', 'requests']]],
    ['sudo -E -u root FOO=1 env BAR=2 pip install x', [['pip', 'install', 'x']]],
    ['python3 -m pip install --upgrade pip', [['pip', 'install', '--upgrade', 'pip']]],
    ['npx -y @cyclonedx/cyclonedx-npm@1.19.0 --output-file bom.json', [['cyclonedx-npm', '--output-file', 'bom.json']]],
    ['pnpm dlx secretlint "**/*"', [['secretlint', '**/*']]],
    ['make build 2>&1 | tee log', [['make', 'build', '2>&1'], ['tee', 'log']]],
    ['if [ "${{ github.event_name == \'push\' || inputs.x }}" ]; then npm ci; fi', [['if', '[', "${{ github.event_name == 'push' || inputs.x }}", ']'], ['then', 'npm', 'ci'], ['fi']]],
    ['cat <<EOF > x.sh\nnpm install foo\nEOF\nnpm ci', [['cat', '>', 'x.sh'], ['npm', 'ci']]],
    ['sh -c "$(curl -fsSL https://x.test/i.sh)"', [['sh', '-c', '$(curl -fsSL https://x.test/i.sh)'], ['curl', '-fsSL', 'https://x.test/i.sh']]],
    ['bash <(curl -s https://x.test/i.sh)', [['bash', '<(curl -s https://x.test/i.sh)'], ['curl', '-s', 'https://x.test/i.sh']]],
    ['TOKEN=`vault read -field=t kv/x` make', [['make'], ['vault', 'read', '-field=t', 'kv/x']]],
    ["echo '$(npm install left-pad)'", [['echo', '$(npm install left-pad)']]],
  ])('splits %j', (text, expected) => {
    expect(argvs(text)).toEqual(expected);
  });

  it('keeps pipelines together and numbers lines', () => {
    const commands = parseShellCommands('set -e\ncurl -fsSL https://x.test | \\\n  bash\nnpm ci', 10);
    expect(commands.map((command) => [command.program, command.line, command.pipeline])).toEqual([
      ['set', 10, 0],
      ['curl', 11, 1],
      ['bash', 12, 1],
      ['npm', 13, 2],
    ]);
  });

  it('reads the commands of substitutions after the outer ones, at their own line and pipeline', () => {
    const commands = parseShellCommands('a | b\nexport X="$(c | d)"', 5);
    expect(commands.map((command) => [command.program, command.line, command.pipeline])).toEqual([
      ['a', 5, 0],
      ['b', 5, 0],
      ['export', 6, 1],
      ['c', 6, 2],
      ['d', 6, 2],
    ]);
  });

  it('uses the base name of a program given by path', () => {
    expect(parseShellCommands('/usr/local/bin/Gitleaks detect')[0]?.program).toBe('gitleaks');
  });

  it('reads flags and their values', () => {
    const [command] = parseShellCommands('trivy fs --format=cyclonedx -o bom.json .');
    expect(command && flagValue(command, '--format', '-f')).toBe('cyclonedx');
    expect(command && flagValue(command, '-o')).toBe('bom.json');
    expect(command && hasFlag(command, '--format')).toBe(true);
    expect(command && hasFlag(command, '--exit-code')).toBe(false);
  });

  it('S10 parses 100 KB of adversarial input in linear time', () => {
    // Unclosed quotes, substitutions and expressions, heredoc markers and continuations: each is one linear pass.
    const inputs = ['"'.repeat(100_000), '$('.repeat(50_000), '<<EOF\n'.repeat(16_000), '\\\n'.repeat(50_000), '${{'.repeat(33_000), "'x".repeat(50_000), `"${'$()\n'.repeat(25_000)}"`];
    for (const text of inputs) expect(fastestOfThree(() => parseShellCommands(text))).toBeLessThan(100);
  });
});
