import { describe, expect, it } from 'vitest';
import { file, runDetector } from '../testing.js';
import { detector, insecureReason } from './index.js';

describe('has-insecure-container-build-step', () => {
  it.each([
    ['RUN curl -fsSL https://get.example.com | sh', 'RUN pipes a download from curl into sh'],
    ['RUN wget -qO- https://example.com/install.sh | sudo -E bash -s -- --yes', 'RUN pipes a download from wget into bash'],
    ['RUN set -eux; \\\n  curl -sL https://deb.nodesource.com/setup_20.x | bash - && apt-get install -y nodejs', 'RUN pipes a download from curl into bash'],
    ['RUN curl https://bootstrap.pypa.io/get-pip.py | python3', 'RUN pipes a download from curl into python3'],
    ['RUN bash <(curl -s https://example.com/setup)', 'RUN hands a download straight to bash'],
    ['RUN sh -c "$(curl -fsSL https://raw.githubusercontent.com/ohmyzsh/ohmyzsh/master/tools/install.sh)"', 'RUN hands a download straight to sh'],
    ['RUN curl -fsSLo /tmp/install.sh https://example.com/install.sh && sh /tmp/install.sh', 'RUN downloads install.sh and runs it without checking a checksum'],
    ['RUN wget https://example.com/setup.sh && chmod +x setup.sh && ./setup.sh', 'RUN downloads setup.sh and runs it without checking a checksum'],
    ['RUN <<EOF\ncurl -o rustup.sh https://sh.rustup.rs\nsh rustup.sh -y\nEOF', 'RUN downloads rustup.sh and runs it without checking a checksum'],
  ])('flags %j', (run, message) => {
    const findings = runDetector(detector, { files: [file('Dockerfile', 'FROM debian:12', run)] });
    expect(findings).toEqual([expect.objectContaining({ outcome: 'negative', level: 1, file: 'Dockerfile', line: 2, confidence: 'high', message: `${message}: download to a file, verify its checksum or signature, then run it` })]);
  });

  it('flags a script fetched by ADD and run later', () => {
    const findings = runDetector(detector, { files: [file('Dockerfile', 'FROM alpine:3', 'ADD https://example.com/install.sh /tmp/', 'RUN sh /tmp/install.sh')] });
    expect(findings).toEqual([expect.objectContaining({ line: 3, message: 'RUN executes install.sh, fetched by ADD from a URL on line 2 without --checksum: download to a file, verify its checksum or signature, then run it' })]);
  });

  it.each([
    ['unpinned package installs (too noisy on their own)', ['RUN apt-get update && apt-get install -y curl', 'RUN apk add --no-cache git', 'RUN pip install requests']],
    ['a download piped into tar', ['RUN curl -fsSL https://go.dev/dl/go1.22.linux-amd64.tar.gz | tar -xz -C /usr/local']],
    ['a key piped into gpg', ['RUN curl -fsSL https://download.docker.com/linux/debian/gpg | gpg --dearmor -o /etc/apt/keyrings/docker.gpg']],
    ['a download checked against a checksum before it runs', ['RUN curl -fsSLo install.sh https://example.com/install.sh && echo "abc  install.sh" | sha256sum -c - && sh install.sh']],
    ['an ADD with --checksum', ['ADD --checksum=sha256:abc https://example.com/install.sh /tmp/', 'RUN sh /tmp/install.sh']],
    ['curl mentioned in an echo', ['RUN echo "curl https://x | sh is bad"']],
    ['a downloaded binary run by name', ['RUN curl -fsSLo /usr/local/bin/kubectl https://dl.k8s.io/kubectl && chmod +x /usr/local/bin/kubectl && kubectl version --client']],
  ])('does not flag %s', (_name, lines) => {
    expect(runDetector(detector, { files: [file('Dockerfile', 'FROM debian:12', ...lines)] })).toEqual([]);
  });

  it('finds nothing in a file without RUN (inconclusive: nothing to judge)', () => {
    expect(runDetector(detector, { files: [file('Dockerfile', 'FROM nginx:1.27', 'COPY site /usr/share/nginx/html')] })).toEqual([]);
  });

  it('stays linear on hostile input', () => {
    const started = performance.now();
    insecureReason(`${'curl '.repeat(20_000)}${'| '.repeat(10_000)}`);
    insecureReason(`curl -o ${'x'.repeat(100_000)}`);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
