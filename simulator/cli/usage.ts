import { FAULT_TOKENS } from '../faults/plan.js';
import { API_NAMES } from '../http/call-log.js';

export const CLI_USAGE = `DRS simulator: the DRS query APIs the gateway uses over HTTP (the v3 batch POSTs, the tenant job
list and batch-status, v5 progress-data, batch-async-jobs and the job log) and IAM's token request, with
seeded multi-tenant data, token, AK/SK and IAM auth, live jobs and scripted faults.

Usage: npm run simulator -- [options]          (flags win over the SIM_* environment variables)

Server and data
  --port <n>              port to listen on (0 = any free port)        SIM_PORT         default 8090
  --host <addr>           address to bind                              SIM_HOST         default 127.0.0.1
  --jobs <n>              seeded jobs per project (lazy: 100000 is ok) SIM_JOBS         default 1000
  --seed <n>              data seed (same seed, same data)             SIM_SEED         default 1
  --clock <real|manual>   real: jobs move with time; manual: time      SIM_CLOCK        default real
                          stands still until POST /__admin/clock
  --clock-speed <x>       simulated ms per real ms (real clock)        SIM_CLOCK_SPEED  default 1

Credentials (two projects are seeded; these replace the first one's)
  --project <hex32>       project ID                                   SIM_PROJECT
  --token <token>         X-Auth-Token                                 SIM_TOKEN
  --ak <AK> --sk <SK>     AK/SK pair for SDK-HMAC-SHA256 signing       SIM_AK, SIM_SK
  --no-lockout            never lock an AK after 5+ failed signatures  SIM_NO_LOCKOUT=1

Behaviour and faults
  --latency-ms <n>        delay before every answer                    SIM_LATENCY_MS   default 0
  --shuffle               answer results in random order               SIM_SHUFFLE=1
  --progress-status <n>   batch-progress success status, 200 or 202    SIM_PROGRESS_STATUS default 202
  --released-rate <0-1>   share of seeded jobs answering DRS.M05004    SIM_RELEASED_RATE default 0.02
  --rate-limit <n>        requests/second per credential, then 429     SIM_RATE_LIMIT   default 0 (off)
  --fault <api>=<steps>   scripted outcomes, one per call, then ok;    SIM_FAULTS="a=s;b=s"
                          repeatable; end with @repeat to loop
  --fault-latency <api>=<ms>[~<jitter>]  extra delay per call          SIM_FAULT_LATENCY="a=ms~j;…"
  --admin-token <t>       require X-Admin-Token on /__admin/*          SIM_ADMIN_TOKEN
  --no-admin              do not serve /__admin/*                      SIM_NO_ADMIN=1
  -h, --help              show this help

  <api>:   ${API_NAMES.join(', ')}, or * for all
  <steps>: comma-separated ${FAULT_TOKENS}
  e.g.     --fault 'batch-detail=429:1,ok' --fault 'progress-data=503*2' --fault-latency '*=50~20'

Admin routes (loopback clients only): GET/DELETE /__admin/calls, GET/POST/DELETE /__admin/faults,
GET/POST /__admin/clock ({"advanceMs":60000}), GET/POST /__admin/config. GET /openapi.json
describes every API it serves (OpenAPI 3.1).
`;
