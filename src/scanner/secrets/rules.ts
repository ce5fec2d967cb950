/**
 * Stepwise's own secret rules, written from the token formats the providers document. Every pattern
 * starts on a keyword or a fixed prefix (S10) and has a true positive, a near miss and a ReDoS test in
 * rules.test.ts.
 */
import type { SecretRule } from './rule.js';

/** Documentation examples and placeholders: never reported by any token rule. */
const PLACEHOLDERS: readonly RegExp[] = [
  /example/i,
  /x{5,}/i,
  /(.)\1{7,}/,
  /12345678|abcdefgh/i,
  /your[_-]?(?:api[_-]?|access[_-]?|secret[_-]?|auth[_-]?)?(?:key|token|secret|password)/i,
  /placeholder|dummy|changeme|change[_-]me|redacted|replace[_-]?me|insert[_-]?your|fake|not[_-]?real/i,
  /\$\{|\{\{|^<.*>$|^%\(/,
];

type RuleFields = Omit<SecretRule, 'kind' | 'secretGroup' | 'severity' | 'minEntropy'> &
  Partial<Pick<SecretRule, 'secretGroup' | 'severity' | 'minEntropy'>>;

/** A documented token format of one vendor; the secret is group 1 unless told. */
function providerRule(fields: RuleFields): SecretRule {
  return { kind: 'provider', secretGroup: 1, minEntropy: 3, severity: 'high', ...fields, allow: [...PLACEHOLDERS, ...(fields.allow ?? [])] };
}

/**
 * `<name…> = value` where the name starts with one of `names` (the keyword, so the regex is anchored
 * on it) and the value, quoted or not, is group 1. Case-insensitive.
 */
function assignment(names: string, value: string): RegExp {
  return new RegExp(String.raw`(?:${names})[\w.-]{0,30}["']?\s{0,5}(?::=|=>|[:=])\s{0,5}["'\x60]?(${value})(?![\w+/=-])`, 'gi');
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

// ── Cloud platforms ────────────────────────────────────────────────────────────────────────────

const CLOUD_RULES: readonly SecretRule[] = [
  providerRule({
    id: 'aws-access-key-id',
    provider: 'AWS',
    description: 'access key id',
    keywords: ['akia', 'asia', 'abia', 'acca'],
    pattern: /\b((?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b/g,
    severity: 'critical',
  }),
  providerRule({
    id: 'aws-access-key-pair',
    provider: 'AWS',
    description: 'secret access key next to its access key id',
    keywords: ['akia', 'asia'],
    pattern: /\b(?:AKIA|ASIA)[A-Z2-7]{16}["'\s,;|:=]{1,10}([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/g,
    minEntropy: 4,
    severity: 'critical',
  }),
  providerRule({
    id: 'aws-secret-access-key',
    provider: 'AWS',
    description: 'secret access key',
    keywords: ['secret_access_key', 'secret-access-key', 'secretaccesskey', 'aws_secret', 'aws-secret'],
    pattern: assignment('secret[_-]?access[_-]?key|aws[_-]?secret', '[A-Za-z0-9/+]{40}'),
    minEntropy: 4,
    severity: 'critical',
  }),
  providerRule({
    id: 'amazon-mws-token',
    provider: 'Amazon MWS',
    description: 'auth token',
    keywords: ['amzn.mws.'],
    pattern: new RegExp(String.raw`\b(amzn\.mws\.${UUID})\b`, 'g'),
  }),
  providerRule({
    id: 'gcp-api-key',
    provider: 'Google Cloud',
    description: 'API key',
    keywords: ['aiza'],
    pattern: /\b(AIza[\w-]{35})(?![\w-])/g,
    minEntropy: 3.5,
  }),
  providerRule({
    id: 'gcp-oauth-client-secret',
    provider: 'Google Cloud',
    description: 'OAuth client secret',
    keywords: ['gocspx-'],
    pattern: /\b(GOCSPX-[\w-]{28})(?![\w-])/g,
    minEntropy: 3.5,
  }),
  providerRule({
    id: 'azure-storage-account-key',
    provider: 'Azure',
    description: 'storage or Cosmos DB account key',
    keywords: ['accountkey='],
    pattern: /[Aa]ccount[Kk]ey=([A-Za-z0-9+/]{86}==)/g,
    minEntropy: 4,
    severity: 'critical',
  }),
  providerRule({
    id: 'azure-shared-access-key',
    provider: 'Azure',
    description: 'Service Bus / Event Hubs shared access key',
    keywords: ['sharedaccesskey='],
    pattern: /[Ss]hared[Aa]ccess[Kk]ey=([A-Za-z0-9+/]{43}=)/g,
    minEntropy: 4,
  }),
  providerRule({
    id: 'azure-ad-client-secret',
    provider: 'Azure',
    description: 'Entra ID (Azure AD) client secret',
    keywords: ['q~'],
    pattern: /(?<![\w~.-])([\w~.]{3}\dQ~[\w~.-]{31,34})(?![\w~.-])/g,
    minEntropy: 3.5,
  }),
  providerRule({
    id: 'alibaba-access-key-id',
    provider: 'Alibaba Cloud',
    description: 'AccessKey id',
    keywords: ['ltai'],
    pattern: /\b(LTAI[A-Za-z0-9]{20})\b/g,
    minEntropy: 3.5,
  }),
  providerRule({
    id: 'digitalocean-token',
    provider: 'DigitalOcean',
    description: 'personal, OAuth or refresh token',
    keywords: ['dop_v1_', 'doo_v1_', 'dor_v1_'],
    pattern: /\b(do[por]_v1_[a-f0-9]{64})\b/g,
  }),
  providerRule({
    id: 'linode-token',
    provider: 'Linode',
    description: 'personal access token',
    keywords: ['linode'],
    pattern: assignment('linode', '[a-f0-9]{64}'),
  }),
  providerRule({
    id: 'heroku-api-key',
    provider: 'Heroku',
    description: 'API key',
    keywords: ['heroku'],
    pattern: assignment('heroku', UUID),
  }),
  providerRule({
    id: 'heroku-api-key-v2',
    provider: 'Heroku',
    description: 'platform API token',
    keywords: ['hrku-aa'],
    pattern: /\b(HRKU-AA[\w-]{58})(?![\w-])/g,
  }),
  providerRule({
    id: 'vercel-token',
    provider: 'Vercel',
    description: 'access token',
    keywords: ['vercel'],
    pattern: assignment('vercel', '[A-Za-z0-9]{24}'),
    minEntropy: 3.5,
  }),
  providerRule({
    id: 'netlify-token',
    provider: 'Netlify',
    description: 'personal access token',
    keywords: ['nfp_'],
    pattern: /\b(nfp_[A-Za-z0-9]{36})\b/g,
  }),
  providerRule({
    id: 'netlify-auth-token',
    provider: 'Netlify',
    description: 'auth token assignment',
    keywords: ['netlify'],
    pattern: assignment('netlify', '[\\w=-]{40,46}'),
    minEntropy: 3.5,
  }),
  providerRule({
    id: 'cloudflare-api-token',
    provider: 'Cloudflare',
    description: 'API token',
    keywords: ['cloudflare', 'cf_api'],
    pattern: assignment('cloudflare|cf_api', '[\\w-]{40}'),
    minEntropy: 3.5,
  }),
  providerRule({
    id: 'cloudflare-global-api-key',
    provider: 'Cloudflare',
    description: 'global API key',
    keywords: ['cloudflare', 'cf_api'],
    pattern: assignment('cloudflare|cf_api', '[a-f0-9]{37}'),
  }),
  providerRule({
    id: 'cloudflare-origin-ca-key',
    provider: 'Cloudflare',
    description: 'origin CA key',
    keywords: ['v1.0-'],
    pattern: /\b(v1\.0-[a-f0-9]{24}-[a-f0-9]{146})\b/g,
  }),
  providerRule({
    id: 'fastly-api-token',
    provider: 'Fastly',
    description: 'API token',
    keywords: ['fastly'],
    pattern: assignment('fastly', '[\\w-]{32}'),
    minEntropy: 3.5,
  }),
  providerRule({
    id: 'openshift-user-token',
    provider: 'OpenShift',
    description: 'user token',
    keywords: ['sha256~'],
    pattern: /\b(sha256~[\w-]{43})(?![\w-])/g,
    minEntropy: 3.5,
  }),
  providerRule({
    id: 'scalingo-api-token',
    provider: 'Scalingo',
    description: 'API token',
    keywords: ['tk-us-'],
    pattern: /\b(tk-us-[\w-]{48})(?![\w-])/g,
    minEntropy: 3.5,
  }),
  providerRule({
    id: 'fly-io-token',
    provider: 'Fly.io',
    description: 'access token',
    keywords: ['fo1_'],
    pattern: /\b(fo1_[\w-]{43})(?![\w-])/g,
    minEntropy: 3.5,
  }),
  providerRule({
    id: 'tailscale-key',
    provider: 'Tailscale',
    description: 'auth or API key',
    keywords: ['tskey-'],
    pattern: /\b(tskey-(?:auth|api|client|scim|webhook)-[A-Za-z0-9]{10,20}-[A-Za-z0-9]{20,40})\b/g,
    minEntropy: 3.5,
  }),
];

// ── Source forges, registries and CI ───────────────────────────────────────────────────────────

/** GitLab tokens: a prefix, `length` URL-safe characters, then optional routing parts (never ending on `.` or `-`). */
function gitlabToken(id: string, description: string, prefix: string, length = 20): SecretRule {
  return providerRule({
    id,
    provider: 'GitLab',
    description,
    keywords: [prefix.toLowerCase()],
    pattern: new RegExp(String.raw`\b(${prefix}[\w-]{${length}}[\w.-]{0,300}(?<![.-]))`, 'g'),
    minEntropy: 3.5,
  });
}

const FORGE_RULES: readonly SecretRule[] = [
  providerRule({
    id: 'github-pat',
    provider: 'GitHub',
    description: 'personal access token (classic)',
    keywords: ['ghp_'],
    pattern: /\b(ghp_[A-Za-z0-9]{36})\b/g,
    minEntropy: 3.5,
  }),
  providerRule({
    id: 'github-fine-grained-pat',
    provider: 'GitHub',
    description: 'fine-grained personal access token',
    keywords: ['github_pat_'],
    pattern: /\b(github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})\b/g,
    minEntropy: 3.5,
  }),
  providerRule({
    id: 'github-oauth-token',
    provider: 'GitHub',
    description: 'OAuth access token',
    keywords: ['gho_'],
    pattern: /\b(gho_[A-Za-z0-9]{36})\b/g,
    minEntropy: 3.5,
  }),
  providerRule({
    id: 'github-app-token',
    provider: 'GitHub',
    description: 'GitHub App user-to-server or installation token',
    keywords: ['ghu_', 'ghs_'],
    pattern: /\b(gh[us]_[A-Za-z0-9]{36})\b/g,
    minEntropy: 3.5,
  }),
  providerRule({
    id: 'github-refresh-token',
    provider: 'GitHub',
    description: 'refresh token',
    keywords: ['ghr_'],
    pattern: /\b(ghr_[A-Za-z0-9]{36,})/g,
    minEntropy: 3.5,
  }),
  gitlabToken('gitlab-pat', 'personal, project or group access token', 'glpat-'),
  gitlabToken('gitlab-deploy-token', 'deploy token', 'gldt-'),
  gitlabToken('gitlab-runner-token', 'runner authentication token', 'glrt-'),
  gitlabToken('gitlab-feed-token', 'feed token', 'glft-'),
  gitlabToken('gitlab-scim-token', 'SCIM OAuth token', 'glsoat-'),
  gitlabToken('gitlab-ci-job-token', 'CI/CD job token', 'glcbt-'),
  gitlabToken('gitlab-incoming-mail-token', 'incoming mail token', 'glimt-', 25),
  gitlabToken('gitlab-feature-flag-token', 'feature flag client token', 'glffct-'),
  providerRule({
    id: 'gitlab-runner-registration-token',
    provider: 'GitLab',
    description: 'runner registration token',
    keywords: ['gr1348941'],
    pattern: /\b(GR1348941[\w-]{20})(?![\w-])/g,
    minEntropy: 3.5,
  }),
  providerRule({
    id: 'gitlab-pipeline-trigger-token',
    provider: 'GitLab',
    description: 'pipeline trigger token',
    keywords: ['glptt-'],
    pattern: /\b(glptt-[\w-]{20,})/g,
    minEntropy: 3.5,
  }),
  providerRule({
    id: 'gitlab-oauth-app-secret',
    provider: 'GitLab',
    description: 'OAuth application secret',
    keywords: ['gloas-'],
    pattern: /\b(gloas-[\w-]{64})(?![\w-])/g,
    minEntropy: 3.5,
  }),
  providerRule({
    id: 'gitlab-agent-token',
    provider: 'GitLab',
    description: 'Kubernetes agent token',
    keywords: ['glagent-'],
    pattern: /\b(glagent-[\w-]{50})(?![\w-])/g,
    minEntropy: 3.5,
  }),
  providerRule({
    id: 'bitbucket-app-password',
    provider: 'Bitbucket',
    description: 'app password',
    keywords: ['atbb'],
    pattern: /\b(ATBB[\w=.-]{32,})/g,
    minEntropy: 3.5,
  }),
  providerRule({
    id: 'npm-token',
    provider: 'npm',
    description: 'access token',
    keywords: ['npm_'],
    pattern: /\b(npm_[A-Za-z0-9]{36})\b/g,
    minEntropy: 3.5,
  }),
  providerRule({
    id: 'pypi-token',
    provider: 'PyPI',
    description: 'upload token',
    keywords: ['pypi-ageichlwas5vcmc', 'pypi-agendgvzdc5wexbplm9yzw'],
    pattern: /\b(pypi-Ag(?:EIcHlwaS5vcmc|ENdGVzdC5weXBpLm9yZw)[\w-]{50,})/g,
    minEntropy: 3.5,
  }),
  providerRule({
    id: 'rubygems-api-key',
    provider: 'RubyGems',
    description: 'API key',
    keywords: ['rubygems_'],
    pattern: /\b(rubygems_[0-9a-f]{48})\b/g,
  }),
  providerRule({
    id: 'nuget-api-key',
    provider: 'NuGet',
    description: 'API key',
    keywords: ['oy2'],
    pattern: /\b(oy2[a-z0-9]{43})\b/g,
    minEntropy: 3.5,
  }),
  providerRule({
    id: 'dockerhub-token',
    provider: 'Docker Hub',
    description: 'personal or organisation access token',
    keywords: ['dckr_pat_', 'dckr_oat_'],
    pattern: /\b(dckr_(?:pat|oat)_[\w-]{27,32})(?![\w-])/g,
    minEntropy: 3.5,
  }),
  providerRule({
    id: 'jfrog-api-key',
    provider: 'JFrog Artifactory',
    description: 'API key or reference token',
    keywords: ['akcp', 'cmvmdgtu'],
    pattern: /\b(AKCp[A-Za-z0-9]{69}|cmVmdGtu[A-Za-z0-9]{56})\b/g,
    minEntropy: 3.5,
  }),
  providerRule({
    id: 'sonarqube-token',
    provider: 'SonarQube',
    description: 'user, project or analysis token',
    keywords: ['squ_', 'sqp_', 'sqa_'],
    pattern: /\b(sq[upa]_[a-f0-9]{40})\b/g,
  }),
  providerRule({
    id: 'buildkite-token',
    provider: 'Buildkite',
    description: 'user access token',
    keywords: ['bkua_'],
    pattern: /\b(bkua_[a-f0-9]{40})\b/g,
  }),
  providerRule({
    id: 'circleci-token',
    provider: 'CircleCI',
    description: 'personal API token',
    keywords: ['ccipat_'],
    pattern: /\b(CCIPAT_[A-Za-z0-9]{22}_[a-f0-9]{40})\b/g,
  }),
  providerRule({
    id: 'snyk-token',
    provider: 'Snyk',
    description: 'API token',
    keywords: ['snyk'],
    pattern: assignment('snyk', UUID),
  }),
  providerRule({
    id: 'codecov-token',
    provider: 'Codecov',
    description: 'upload token',
    keywords: ['codecov'],
    pattern: assignment('codecov', UUID),
  }),
  providerRule({
    id: 'octopus-deploy-api-key',
    provider: 'Octopus Deploy',
    description: 'API key',
    keywords: ['api-'],
    pattern: /\b(API-[A-Z0-9]{26})\b/g,
    minEntropy: 3.5,
  }),
  providerRule({
    id: 'clojars-token',
    provider: 'Clojars',
    description: 'deploy token',
    keywords: ['clojars_'],
    pattern: /\b(CLOJARS_[a-z0-9]{60})\b/g,
    minEntropy: 3.5,
  }),
  providerRule({
    id: 'infracost-api-key',
    provider: 'Infracost',
    description: 'API key',
    keywords: ['ico-'],
    pattern: /\b(ico-[A-Za-z0-9]{32})\b/g,
    minEntropy: 3.5,
  }),
  providerRule({
    id: 'postman-api-key',
    provider: 'Postman',
    description: 'API key',
    keywords: ['pmak-'],
    pattern: /\b(PMAK-[a-f0-9]{24}-[a-f0-9]{34})\b/g,
  }),
];

// ── Collaboration, messaging and payments ──────────────────────────────────────────────────────

const SAAS_RULES: readonly SecretRule[] = [
  providerRule({
    id: 'slack-bot-token',
    provider: 'Slack',
    description: 'bot token',
    keywords: ['xoxb-'],
    pattern: /\b(xoxb-\d{10,13}-\d{10,13}-[A-Za-z0-9]{24})\b/g,
  }),
  providerRule({
    id: 'slack-user-token',
    provider: 'Slack',
    description: 'user token',
    keywords: ['xoxp-'],
    pattern: /\b(xoxp-\d{10,13}-\d{10,13}-\d{10,13}-[A-Za-z0-9]{28,34})\b/g,
  }),
  providerRule({
    id: 'slack-legacy-token',
    provider: 'Slack',
    description: 'workspace, refresh or legacy token',
    keywords: ['xoxa-', 'xoxo-', 'xoxr-', 'xoxs-'],
    pattern: /\b(xox[aors]-[\w-]{20,})/g,
    minEntropy: 3.5,
  }),
  providerRule({
    id: 'slack-app-token',
    provider: 'Slack',
    description: 'app-level token',
    keywords: ['xapp-'],
    pattern: /\b(xapp-\d-[A-Z0-9]{9,12}-\d{10,16}-[a-f0-9]{64})\b/g,
  }),
  providerRule({
    id: 'slack-webhook-url',
    provider: 'Slack',
    description: 'incoming webhook URL',
    keywords: ['hooks.slack.com/'],
    pattern: /hooks\.slack\.com\/(?:services|workflows|triggers)\/([A-Za-z0-9+/]{43,56})(?![A-Za-z0-9+/])/g,
  }),
  providerRule({
    id: 'discord-bot-token',
    provider: 'Discord',
    description: 'bot token',
    keywords: ['discord'],
    pattern: /\b([MNO][A-Za-z\d]{23,27}\.[\w-]{6}\.[\w-]{27,38})(?![\w-])/g,
    minEntropy: 3.5,
  }),
  providerRule({
    id: 'discord-webhook-url',
    provider: 'Discord',
    description: 'webhook URL',
    keywords: ['discord'],
    pattern: /discord(?:app)?\.com\/api\/webhooks\/\d{17,20}\/([\w-]{60,68})(?![\w-])/g,
    minEntropy: 3.5,
  }),
  providerRule({
    id: 'telegram-bot-token',
    provider: 'Telegram',
    description: 'bot token',
    keywords: [':aa'],
    pattern: /\b(\d{5,16}:AA[\w-]{33})(?![\w-])/g,
    minEntropy: 3.5,
  }),
  providerRule({
    id: 'microsoft-teams-webhook-url',
    provider: 'Microsoft Teams',
    description: 'incoming webhook URL',
    keywords: ['webhook.office.com'],
    pattern: new RegExp(String.raw`\.webhook\.office\.com\/webhookb2\/(${UUID}@${UUID}\/IncomingWebhook\/[a-f0-9]{32}\/${UUID})`, 'g'),
  }),
  providerRule({
    id: 'twilio-api-key',
    provider: 'Twilio',
    description: 'API key SID',
    keywords: ['twilio'],
    pattern: /\b(SK[0-9a-fA-F]{32})\b/g,
  }),
  providerRule({
    id: 'twilio-auth-token',
    provider: 'Twilio',
    description: 'auth token',
    keywords: ['twilio'],
    pattern: assignment('twilio', '[a-f0-9]{32}'),
  }),
  providerRule({
    id: 'sendgrid-api-key',
    provider: 'SendGrid',
    description: 'API key',
    keywords: ['sg.'],
    pattern: /\b(SG\.[\w-]{22}\.[\w-]{43})(?![\w-])/g,
    minEntropy: 3.5,
  }),
  providerRule({
    id: 'mailgun-api-key',
    provider: 'Mailgun',
    description: 'private API key',
    keywords: ['key-'],
    pattern: /\b(key-[0-9a-f]{32})\b/g,
  }),
  providerRule({
    id: 'mailchimp-api-key',
    provider: 'Mailchimp',
    description: 'API key',
    keywords: ['-us'],
    pattern: /\b([0-9a-f]{32}-us\d{1,2})\b/g,
  }),
  providerRule({
    id: 'easypost-api-key',
    provider: 'EasyPost',
    description: 'production API key',
    keywords: ['ezak'],
    pattern: /\b(EZAK[A-Za-z0-9]{54})\b/g,
    minEntropy: 3.5,
  }),
  providerRule({
    id: 'readme-api-key',
    provider: 'ReadMe',
    description: 'API key',
    keywords: ['rdme_'],
    pattern: /\b(rdme_[a-z0-9]{70})\b/g,
    minEntropy: 3.5,
  }),
  providerRule({
    id: 'adobe-client-secret',
    provider: 'Adobe',
    description: 'OAuth client secret',
    keywords: ['p8e-'],
    pattern: /\b(p8e-[A-Za-z0-9]{32})\b/g,
    minEntropy: 3.5,
  }),
  providerRule({
    id: 'brevo-api-key',
    provider: 'Brevo (Sendinblue)',
    description: 'API key',
    keywords: ['xkeysib-'],
    pattern: /\b(xkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16})\b/g,
  }),
  providerRule({
    id: 'stripe-secret-key',
    provider: 'Stripe',
    description: 'live secret or restricted key',
    keywords: ['sk_live_', 'rk_live_', 'sk_prod_', 'rk_prod_'],
    pattern: /\b([sr]k_(?:live|prod)_[A-Za-z0-9]{24,})/g,
    minEntropy: 3.5,
    severity: 'critical',
  }),
  providerRule({
    id: 'stripe-webhook-secret',
    provider: 'Stripe',
    description: 'webhook signing secret',
    keywords: ['whsec_'],
    pattern: /\b(whsec_[A-Za-z0-9+/]{32,}={0,2})/g,
    minEntropy: 3.5,
  }),
  providerRule({
    id: 'square-access-token',
    provider: 'Square',
    description: 'access token',
    keywords: ['sq0atp-', 'eaaa'],
    pattern: /\b(sq0atp-[\w-]{22,}|EAAA[\w-]{60})(?![\w-])/g,
    minEntropy: 3.5,
  }),
  providerRule({
    id: 'square-oauth-secret',
    provider: 'Square',
    description: 'OAuth application secret',
    keywords: ['sq0csp-'],
    pattern: /\b(sq0csp-[\w-]{43})(?![\w-])/g,
    minEntropy: 3.5,
  }),
  providerRule({
    id: 'braintree-access-token',
    provider: 'PayPal Braintree',
    description: 'production access token',
    keywords: ['access_token$production$'],
    pattern: /\b(access_token\$production\$[0-9a-z]{16}\$[0-9a-f]{32})\b/g,
    severity: 'critical',
  }),
  providerRule({
    id: 'shopify-access-token',
    provider: 'Shopify',
    description: 'admin, custom app or partner access token',
    keywords: ['shpat_', 'shpca_', 'shppa_'],
    pattern: /\b(shp(?:at|ca|pa)_[a-fA-F0-9]{32})\b/g,
  }),
  providerRule({
    id: 'shopify-shared-secret',
    provider: 'Shopify',
    description: 'app shared secret',
    keywords: ['shpss_'],
    pattern: /\b(shpss_[a-fA-F0-9]{32})\b/g,
  }),
  providerRule({
    id: 'flutterwave-secret-key',
    provider: 'Flutterwave',
    description: 'live secret key',
    keywords: ['flwseck-'],
    pattern: /\b(FLWSECK-[a-f0-9]{32}-X)\b/g,
  }),
  providerRule({
    id: 'shippo-api-token',
    provider: 'Shippo',
    description: 'live API token',
    keywords: ['shippo_live_'],
    pattern: /\b(shippo_live_[a-f0-9]{40})\b/g,
  }),
  providerRule({
    id: 'atlassian-api-token',
    provider: 'Atlassian',
    description: 'API or access token',
    keywords: ['atatt3', 'atctt3'],
    pattern: /\b(AT[AC]TT3[\w=-]{180,})/g,
    minEntropy: 3.5,
  }),
  providerRule({
    id: 'jira-confluence-token',
    provider: 'Jira / Confluence',
    description: 'API token',
    keywords: ['jira', 'confluence'],
    pattern: assignment('jira|confluence', '[A-Za-z0-9]{24}'),
    minEntropy: 3.5,
  }),
  providerRule({
    id: 'linear-api-key',
    provider: 'Linear',
    description: 'API key or OAuth token',
    keywords: ['lin_api_', 'lin_oauth_'],
    pattern: /\b(lin_(?:api_[A-Za-z0-9]{40}|oauth_[a-f0-9]{64}))\b/g,
    minEntropy: 3.5,
  }),
  providerRule({
    id: 'notion-token',
    provider: 'Notion',
    description: 'internal integration token',
    keywords: ['secret_'],
    pattern: /\b(secret_[A-Za-z0-9]{43})\b/g,
    minEntropy: 3.5,
  }),
  providerRule({
    id: 'notion-api-token',
    provider: 'Notion',
    description: 'API token',
    keywords: ['ntn_'],
    pattern: /\b(ntn_\d{11}[A-Za-z0-9]{35})\b/g,
    minEntropy: 3.5,
  }),
  providerRule({
    id: 'airtable-pat',
    provider: 'Airtable',
    description: 'personal access token',
    keywords: ['pat'],
    pattern: /\b(pat[A-Za-z0-9]{14}\.[a-f0-9]{64})\b/g,
  }),
  providerRule({
    id: 'asana-pat',
    provider: 'Asana',
    description: 'personal access token',
    keywords: ['asana'],
    pattern: /\b((?:[12]\/\d{13,20}(?:\/\d{13,20})?:|0\/)[0-9a-f]{32})\b/g,
  }),
  providerRule({
    id: 'zendesk-api-token',
    provider: 'Zendesk',
    description: 'API token',
    keywords: ['zendesk'],
    pattern: assignment('zendesk', '[A-Za-z0-9]{40}'),
    minEntropy: 3.5,
  }),
  providerRule({
    id: 'contentful-pat',
    provider: 'Contentful',
    description: 'personal access token',
    keywords: ['cfpat-'],
    pattern: /\b(CFPAT-[\w-]{43})(?![\w-])/g,
    minEntropy: 3.5,
  }),
  providerRule({
    id: 'mapbox-secret-token',
    provider: 'Mapbox',
    description: 'secret access token',
    keywords: ['sk.eyj'],
    pattern: /\b(sk\.eyJ[\w-]{60,300}\.[\w-]{20,30})(?![\w-])/g,
    minEntropy: 3.5,
  }),
  providerRule({
    id: 'algolia-admin-key',
    provider: 'Algolia',
    description: 'admin API key',
    keywords: ['algolia'],
    pattern: assignment('algolia', '[a-f0-9]{32}'),
  }),
  providerRule({
    id: 'meta-access-token',
    provider: 'Meta (Facebook)',
    description: 'Graph API access token',
    keywords: ['eaa'],
    pattern: /\b(EAA[A-Za-z0-9]{100,})/g,
    minEntropy: 4,
  }),
  providerRule({
    id: 'firebase-fcm-server-key',
    provider: 'Firebase',
    description: 'Cloud Messaging server key',
    keywords: [':apa91b'],
    pattern: /\b(AAAA[\w-]{7}:APA91b[\w-]{134})(?![\w-])/g,
    minEntropy: 3.5,
  }),
];

// ── Observability, identity and infrastructure tooling ─────────────────────────────────────────

const OPS_RULES: readonly SecretRule[] = [
  providerRule({
    id: 'datadog-key',
    provider: 'Datadog',
    description: 'API or application key',
    keywords: ['datadog', 'dd_api', 'dd_app', 'dd-api', 'dd-app'],
    pattern: assignment('datadog|dd[_-]ap(?:i|p(?:lication)?)', '[a-f0-9]{40}|[a-f0-9]{32}'),
  }),
  providerRule({
    id: 'new-relic-user-key',
    provider: 'New Relic',
    description: 'user API key',
    keywords: ['nrak-'],
    pattern: /\b(NRAK-[A-Z0-9]{27})\b/g,
    minEntropy: 3.5,
  }),
  providerRule({
    id: 'new-relic-insert-key',
    provider: 'New Relic',
    description: 'Insights insert key',
    keywords: ['nrii-'],
    pattern: /\b(NRII-[\w-]{32})(?![\w-])/g,
    minEntropy: 3.5,
  }),
  providerRule({
    id: 'new-relic-license-key',
    provider: 'New Relic',
    description: 'ingest license key',
    keywords: ['nral'],
    pattern: /\b([a-f0-9]{36}NRAL)\b/g,
  }),
  providerRule({
    id: 'sentry-org-token',
    provider: 'Sentry',
    description: 'organisation auth token',
    keywords: ['sntrys_'],
    pattern: /\b(sntrys_eyJ[\w+/=-]{80,})/g,
    minEntropy: 3.5,
  }),
  providerRule({
    id: 'sentry-user-token',
    provider: 'Sentry',
    description: 'user auth token',
    keywords: ['sntryu_'],
    pattern: /\b(sntryu_[a-f0-9]{64})\b/g,
  }),
  providerRule({
    id: 'sentry-dsn-secret',
    provider: 'Sentry',
    description: 'DSN with its secret key',
    keywords: ['sentry'],
    pattern: /:\/\/[a-f0-9]{32}:([a-f0-9]{32})@/g,
  }),
  providerRule({
    id: 'pagerduty-api-key',
    provider: 'PagerDuty',
    description: 'REST API key',
    keywords: ['pagerduty'],
    pattern: assignment('pagerduty', '[\\w+-]{20}'),
    minEntropy: 3.5,
  }),
  providerRule({
    id: 'grafana-cloud-token',
    provider: 'Grafana',
    description: 'Cloud access policy token',
    keywords: ['glc_'],
    pattern: /\b(glc_[A-Za-z0-9+/]{32,}={0,2})/g,
    minEntropy: 3.5,
  }),
  providerRule({
    id: 'grafana-service-account-token',
    provider: 'Grafana',
    description: 'service account token',
    keywords: ['glsa_'],
    pattern: /\b(glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8})\b/g,
    minEntropy: 3.5,
  }),
  providerRule({
    id: 'grafana-api-key',
    provider: 'Grafana',
    description: 'API key',
    keywords: ['eyjrijoi'],
    pattern: /\b(eyJrIjoi[A-Za-z0-9]{70,}={0,2})/g,
    minEntropy: 3.5,
  }),
  providerRule({
    id: 'dynatrace-token',
    provider: 'Dynatrace',
    description: 'API token',
    keywords: ['dt0c01.'],
    pattern: /\b(dt0c01\.[A-Z0-9]{24}\.[A-Z0-9]{64})\b/g,
    minEntropy: 3.5,
  }),
  providerRule({
    id: 'okta-api-token',
    provider: 'Okta',
    description: 'API token',
    keywords: ['okta'],
    pattern: assignment('okta', '00[\\w=-]{40}'),
    minEntropy: 3.5,
  }),
  providerRule({
    id: 'auth0-client-secret',
    provider: 'Auth0',
    description: 'client secret',
    keywords: ['auth0'],
    pattern: assignment('auth0', '[\\w.-]{64}'),
    minEntropy: 3.5,
  }),
  providerRule({
    id: 'vault-service-token',
    provider: 'HashiCorp Vault',
    description: 'service token',
    keywords: ['hvs.'],
    pattern: /\b(hvs\.[\w-]{90,})/g,
    minEntropy: 3.5,
  }),
  providerRule({
    id: 'vault-batch-token',
    provider: 'HashiCorp Vault',
    description: 'batch token',
    keywords: ['hvb.'],
    pattern: /\b(hvb\.[\w-]{138,})/g,
    minEntropy: 3.5,
  }),
  providerRule({
    id: 'terraform-cloud-token',
    provider: 'Terraform Cloud',
    description: 'API token',
    keywords: ['atlasv1'],
    pattern: /\b([A-Za-z0-9]{14}\.atlasv1\.[\w=-]{60,})/g,
    minEntropy: 3.5,
  }),
  providerRule({
    id: 'terraform-password',
    provider: 'Terraform',
    description: 'password in infrastructure code',
    keywords: ['password'],
    pattern: /password[\w.-]{0,20}\s{0,5}=\s{0,5}"([\w=!#%&*+.@^~-]{8,20})"/gi,
    paths: [/\.(?:tf|hcl|tfvars)$/i],
    minEntropy: 2,
  }),
  providerRule({
    id: 'pulumi-token',
    provider: 'Pulumi',
    description: 'access token',
    keywords: ['pul-'],
    pattern: /\b(pul-[a-f0-9]{40})\b/g,
  }),
  providerRule({
    id: 'doppler-token',
    provider: 'Doppler',
    description: 'service, personal or CLI token',
    keywords: ['dp.pt.', 'dp.st.', 'dp.sa.', 'dp.ct.', 'dp.scim.', 'dp.audit.'],
    pattern: /\b(dp\.(?:pt|st|sa|ct|scim|audit)\.[A-Za-z0-9]{40,44})\b/g,
    minEntropy: 3.5,
  }),
  providerRule({
    id: 'onepassword-service-account-token',
    provider: '1Password',
    description: 'service account token',
    keywords: ['ops_eyj'],
    pattern: /\b(ops_eyJ[A-Za-z0-9+/]{250,}={0,3})/g,
    minEntropy: 3.5,
  }),
  providerRule({
    id: 'databricks-token',
    provider: 'Databricks',
    description: 'personal access token',
    keywords: ['dapi'],
    pattern: /\b(dapi[a-f0-9]{32}(?:-\d)?)\b/g,
  }),
  providerRule({
    id: 'supabase-token',
    provider: 'Supabase',
    description: 'personal access token',
    keywords: ['sbp_'],
    pattern: /\b(sbp_[a-f0-9]{40})\b/g,
  }),
  providerRule({
    id: 'planetscale-token',
    provider: 'PlanetScale',
    description: 'service token or password',
    keywords: ['pscale_tkn_', 'pscale_pw_', 'pscale_oauth_'],
    pattern: /\b(pscale_(?:tkn|pw|oauth)_[\w-]{32,})/g,
    minEntropy: 3.5,
  }),
  providerRule({
    id: 'prefect-api-key',
    provider: 'Prefect',
    description: 'API key',
    keywords: ['pnu_'],
    pattern: /\b(pnu_[A-Za-z0-9]{36})\b/g,
    minEntropy: 3.5,
  }),
];

// ── AI platforms ───────────────────────────────────────────────────────────────────────────────

const AI_RULES: readonly SecretRule[] = [
  providerRule({
    id: 'openai-api-key',
    provider: 'OpenAI',
    description: 'API key',
    keywords: ['t3blbkfj'],
    pattern: /\b(sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20})\b/g,
    minEntropy: 3.5,
    severity: 'critical',
  }),
  providerRule({
    id: 'openai-project-key',
    provider: 'OpenAI',
    description: 'project, service account or admin key',
    keywords: ['sk-proj-', 'sk-svcacct-', 'sk-admin-'],
    pattern: /\b(sk-(?:proj|svcacct|admin)-[\w-]{80,})/g,
    minEntropy: 3.5,
    severity: 'critical',
  }),
  providerRule({
    id: 'anthropic-api-key',
    provider: 'Anthropic',
    description: 'API or admin key',
    keywords: ['sk-ant-'],
    pattern: /\b(sk-ant-(?:api03|admin01)-[\w-]{93}AA)(?![\w-])/g,
    minEntropy: 3.5,
    severity: 'critical',
  }),
  providerRule({
    id: 'huggingface-token',
    provider: 'Hugging Face',
    description: 'user or organisation token',
    keywords: ['hf_', 'api_org_'],
    pattern: /\b((?:hf_|api_org_)[A-Za-z]{34})\b/g,
    minEntropy: 3.5,
  }),
  providerRule({
    id: 'cohere-api-key',
    provider: 'Cohere',
    description: 'API key',
    keywords: ['cohere', 'co_api_key'],
    pattern: assignment('cohere|co_api_key', '[A-Za-z0-9]{40}'),
    minEntropy: 3.5,
  }),
  providerRule({
    id: 'mistral-api-key',
    provider: 'Mistral AI',
    description: 'API key',
    keywords: ['mistral'],
    pattern: assignment('mistral', '[A-Za-z0-9]{32}'),
    minEntropy: 3.5,
  }),
  providerRule({
    id: 'replicate-api-token',
    provider: 'Replicate',
    description: 'API token',
    keywords: ['r8_'],
    pattern: /\b(r8_[A-Za-z0-9]{37})\b/g,
    minEntropy: 3.5,
  }),
  providerRule({
    id: 'groq-api-key',
    provider: 'Groq',
    description: 'API key',
    keywords: ['gsk_'],
    pattern: /\b(gsk_[A-Za-z0-9]{52})\b/g,
    minEntropy: 3.5,
  }),
  providerRule({
    id: 'perplexity-api-key',
    provider: 'Perplexity',
    description: 'API key',
    keywords: ['pplx-'],
    pattern: /\b(pplx-[A-Za-z0-9]{48})\b/g,
    minEntropy: 3.5,
  }),
  providerRule({
    id: 'xai-api-key',
    provider: 'xAI',
    description: 'API key',
    keywords: ['xai-'],
    pattern: /\b(xai-[A-Za-z0-9]{80})\b/g,
    minEntropy: 3.5,
  }),
  providerRule({
    id: 'langsmith-api-key',
    provider: 'LangSmith',
    description: 'API key',
    keywords: ['lsv2_pt_', 'lsv2_sk_'],
    pattern: /\b(lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10})\b/g,
  }),
];

// ── Connection strings and bearer tokens ───────────────────────────────────────────────────────

/** Passwords in URLs that are defaults, placeholders or interpolations, not credentials. */
const URL_PASSWORD_PLACEHOLDERS: readonly RegExp[] = [
  /^(?:password|passwd|pass|pwd|secret|postgres|root|admin|test|guest|user|username|dev|mysql|redis|mongo|rabbitmq|snowflake)$/i,
  /^[$%{<*]|^\.{3}|^:/,
];

/** `scheme://user:password@host` for the given schemes; the password is the secret. */
function connectionUrlRule(id: string, provider: string, schemes: readonly string[]): SecretRule {
  return providerRule({
    id,
    provider,
    description: 'connection URL with a password',
    keywords: schemes.map((scheme) => `${scheme}://`),
    pattern: new RegExp(String.raw`\b(?:${schemes.map((scheme) => scheme.replace('+', '\\+')).join('|')}):\/\/[^\s:@/'"\x60]{0,100}:([^\s@/'"\x60]{1,200})@[\w.[-]`, 'gi'),
    minEntropy: 2,
    allow: URL_PASSWORD_PLACEHOLDERS,
  });
}

const CONNECTION_RULES: readonly SecretRule[] = [
  connectionUrlRule('postgres-url-password', 'PostgreSQL', ['postgres', 'postgresql']),
  connectionUrlRule('mysql-url-password', 'MySQL', ['mysql', 'mariadb']),
  connectionUrlRule('mongodb-url-password', 'MongoDB', ['mongodb', 'mongodb+srv']),
  connectionUrlRule('redis-url-password', 'Redis', ['redis', 'rediss']),
  connectionUrlRule('amqp-url-password', 'RabbitMQ (AMQP)', ['amqp', 'amqps']),
  connectionUrlRule('snowflake-url-password', 'Snowflake', ['snowflake']),
  connectionUrlRule('sqlserver-url-password', 'SQL Server', ['mssql', 'sqlserver']),
  providerRule({
    id: 'jdbc-url-password',
    provider: 'JDBC',
    description: 'connection URL with a password',
    keywords: ['jdbc:'],
    // Anchored on `password=` and checked backwards for the `jdbc:` URL it belongs to.
    pattern: /[;?&:]password=(?<=\bjdbc:[a-z0-9]{2,20}:[^\s'"\x60]{0,300})([^\s;&'"\x60]{1,100})/gi,
    minEntropy: 2,
    allow: URL_PASSWORD_PLACEHOLDERS,
  }),
  providerRule({
    id: 'jwt',
    provider: 'JSON Web Token',
    description: 'signed token',
    keywords: ['eyj'],
    pattern: /\b(eyJ[\w-]{5,300}\.eyJ[\w-]{5,2000}\.[\w-]{16,})/g,
    minEntropy: 3.5,
    severity: 'medium',
    // The jwt.io sample token ("John Doe") appears in countless docs and tests.
    allow: [/SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c/, /Sm9obiBEb2U/],
  }),
];

// ── Private keys ───────────────────────────────────────────────────────────────────────────────

/**
 * After the BEGIN line: separators (also `\r\n`/`\n` escapes, quotes and `+` of a string literal
 * split over lines), up to eight RFC 7468/4880 header lines, then the base64 body, which is the
 * secret. Every part is bounded and starts on characters the part before it cannot end with (S10).
 */
const KEY_GAP = String.raw`(?:[\s"'+,]|\\[rn]){0,16}`;
const KEY_HEADERS = String.raw`(?:[A-Z][\w-]{0,30}: ?[^\r\n\\]{0,200}(?:\r?\n|\\r\\n|\\n)){0,8}`;
const KEY_BODY = String.raw`([A-Za-z0-9+/][A-Za-z0-9+/=\s\\"']{63,16384})`;

function privateKeyRule(fields: Omit<RuleFields, 'pattern'> & { readonly marker: string }): SecretRule {
  const { marker, ...rest } = fields;
  return {
    kind: 'private-key',
    secretGroup: 1,
    minEntropy: 4,
    severity: 'critical',
    ...rest,
    pattern: new RegExp(marker + KEY_GAP + KEY_HEADERS + KEY_GAP + KEY_BODY, 'g'),
  };
}

/** Key material: reported by has-committed-private-key. */
export const PRIVATE_KEY_RULES: readonly SecretRule[] = [
  privateKeyRule({
    id: 'gcp-service-account-key',
    provider: 'Google Cloud',
    description: 'service account private key',
    keywords: ['"private_key"'],
    marker: String.raw`"private_key"\s{0,5}:\s{0,5}"-----BEGIN PRIVATE KEY-----`,
  }),
  privateKeyRule({
    id: 'private-key-openssh',
    provider: 'OpenSSH',
    description: 'private key',
    keywords: ['begin openssh private key'],
    marker: '-----BEGIN OPENSSH PRIVATE KEY-----',
  }),
  privateKeyRule({
    id: 'private-key-pgp',
    provider: 'OpenPGP',
    description: 'private key block',
    keywords: ['begin pgp private key block'],
    marker: '-----BEGIN PGP PRIVATE KEY BLOCK-----',
  }),
  privateKeyRule({
    id: 'private-key-pem',
    provider: 'PEM',
    description: 'private key (RSA, EC, DSA, PKCS#8 or encrypted)',
    keywords: ['private key-----'],
    marker: '-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY-----',
  }),
  privateKeyRule({
    id: 'private-key-putty',
    provider: 'PuTTY',
    description: 'private key file',
    keywords: ['private-lines:'],
    marker: String.raw`Private-Lines: ?\d{1,3}`,
  }),
  {
    id: 'age-secret-key',
    provider: 'age',
    description: 'secret key',
    kind: 'private-key',
    keywords: ['age-secret-key-1'],
    pattern: /\b(AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})\b/g,
    secretGroup: 1,
    minEntropy: 3.5,
    allow: PLACEHOLDERS,
    severity: 'critical',
  },
];

// ── Generic assignments ────────────────────────────────────────────────────────────────────────

/** Values that are references, templates, words or paths rather than credentials. */
const GENERIC_NOT_SECRETS: readonly RegExp[] = [
  /^[$%{<#@~]|^\.{0,2}\//,
  /^[a-z]+(?:[._-][a-z]+)*$|^[a-z]+(?:[A-Z][a-z]+)+$|^(?:[A-Z][a-z]+)+$/,
  /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/,
  /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/,
  /^[a-z][a-z0-9+.-]*:\/\/[^:@]*$/i,
  /\.(?:json|ya?ml|pem|key|crt|cer|txt|env|js|ts|html|png|svg|xml|properties|toml|ini|conf)$/i,
  /^ENC\[|^vault:|^arn:|^sha\d+[:-]|^projects\/|^(?:true|false|null|undefined|none)$/i,
];

const GENERIC_RULE: SecretRule = {
  id: 'generic-secret-assignment',
  provider: 'Generic',
  description: 'high-entropy value assigned to a secret-sounding name',
  kind: 'generic',
  keywords: ['password', 'passwd', 'pwd', 'secret', 'token', 'api_key', 'api-key', 'apikey', 'access_key', 'access-key', 'accesskey', 'auth'],
  // Anchored on the keyword inside the name. The look-behind, checked only once an operator matched,
  // drops names that say they hold no secret (password_hash, token_url, secret_name …).
  pattern:
    /(?:passw(?:or)?d|pwd|secret|token|api[_-]?key|access[_-]?key|auth(?!or))[\w.-]{0,40}["']?\s{0,5}(?::=|=>|\?\?=|\|\|=|[:=])(?<!(?:hash|file|path|name|url|uri|type|length|field|label|prompt|policy|header|endpoint|method|mode|format|regex|pattern|_id)["']?\s{0,5}(?::=|=>|\?\?=|\|\|=|[:=]))\s{0,5}(["'`])([^"'`\s\\]{12,200})\1/gi,
  secretGroup: 2,
  minEntropy: 3.5,
  allow: [...PLACEHOLDERS, ...GENERIC_NOT_SECRETS],
  severity: 'medium',
};

/** Tokens, passwords and connection strings: reported by has-hardcoded-secret. */
export const TOKEN_RULES: readonly SecretRule[] = [
  ...CLOUD_RULES,
  ...FORGE_RULES,
  ...SAAS_RULES,
  ...OPS_RULES,
  ...AI_RULES,
  ...CONNECTION_RULES,
  GENERIC_RULE,
];

/** Every rule; provider rules come before the generic one, which loses any overlap. */
export const SECRET_RULES: readonly SecretRule[] = [...PRIVATE_KEY_RULES, ...TOKEN_RULES];

/**
 * The rule sets the detectors search with, by name: a file source that scans files as it reads them
 * (in a worker) runs all of them in one keyword pass and hands the hits over under these names.
 */
export const SECRET_RULE_SETS = { tokens: TOKEN_RULES, 'private-keys': PRIVATE_KEY_RULES } as const;

export type SecretRuleSetName = keyof typeof SECRET_RULE_SETS;
