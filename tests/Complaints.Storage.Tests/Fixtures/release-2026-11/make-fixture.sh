#!/usr/bin/env bash
# Writes a SQLite data directory with the current main's host: cases in several states, history, a channel reply address,
# a calendar year, breaches not required.
set -euo pipefail
root=$(cd "$(dirname "$0")/../../../.." && pwd)
data=${1:?usage: make-fixture.sh DATA_DIRECTORY}; rm -rf $data; mkdir -p $data
dotnet $root/host/Complaints.Host/bin/Release/net10.0/Complaints.Host.dll --urls http://127.0.0.1:5099 \
  --Storage:DataDirectory $data --Plugins:Directory $root/artifacts/plugins \
  --Tenants:fangyang-water:Channels:example:Enabled=true > "$data/host.log" 2>&1 &
pid=$!
for i in $(seq 1 60); do curl -sf http://127.0.0.1:5099/health >/dev/null && break; sleep 1; done
api=http://127.0.0.1:5099/api/v1
token() { curl -s -X POST $api/auth/token -H 'content-type: application/json' -d "{\"username\":\"$1\",\"password\":\"demo\"}" | sed -E 's/.*"accessToken":"([^"]+)".*/\1/'; }
agent=$(token agent); pipe=$(token pipe-network); sup=$(token supervisor); gasagent=$(token agent@fuyang-gas)
t=$api/tenants/fangyang-water/complaints
post() { curl -s -o /dev/null -w "%{http_code} $2\n" -X POST "$t/$2" -H "authorization: Bearer $1" -H 'content-type: application/json' -d "${3:-}"; }
reg() { curl -s -X POST $t -H "authorization: Bearer $agent" -H 'content-type: application/json' -d "$1" | sed -E 's/.*"number":"([^"]+)".*/\1/'; }
# 1 closed after a full loop
n1=$(reg '{"channel":"hotline","kind":"complaint","content":"三楼以上水压太低","complainant":{"name":"张三","phone":"13812345678","address":"富阳区银湖街道1号"}}')
post $agent $n1/accept '{"category":"water-pressure"}'
post $agent $n1/dispatch '{"department":"pipe-network"}'
post $pipe $n1/sign
post $pipe $n1/report-result '{"result":"更换减压阀，水压恢复","measures":"巡检","compensation":"无"}'
post $agent $n1/record-callback '{"satisfaction":"satisfied","note":"满意"}'
# 2 unsatisfied → redispatched, extension requested and decided
n2=$(reg '{"channel":"hotline","kind":"complaint","content":"水表读数异常","complainant":{"name":"李四","phone":"13900001111"}}')
post $agent $n2/accept '{"category":"water-pressure"}'
post $agent $n2/dispatch '{"department":"pipe-network"}'
post $pipe $n2/sign
post $pipe $n2/request-extension '{"until":"2030-01-10T17:00:00+08:00","reason":"需要更换管道"}'
post $sup $n2/decide-extension '{"approve":true,"note":"同意"}'
post $pipe $n2/report-result '{"result":"已处理"}'
post $agent $n2/record-callback '{"satisfaction":"unsatisfied","note":"仍有问题"}'
post $sup $n2/supervise '{"note":"请尽快处理"}'
# 3 rejected, 4 answered inquiry, 5 returned, 6 just registered, contact viewed
n3=$(reg '{"channel":"walk-in","kind":"complaint","content":"非本公司业务"}'); post $agent $n3/reject '{"reason":"不属于供水业务"}'
n4=$(reg '{"channel":"hotline","kind":"inquiry","content":"停水通知在哪里看","complainant":{"phone":"057163001234"}}'); post $agent $n4/answer '{"reply":"请关注公众号"}'
n5=$(reg '{"channel":"hotline","kind":"complaint","content":"井盖松动","location":"银湖街道","complainant":{"name":"王五","phone":"13700002222"}}')
post $agent $n5/accept '{"category":"water-pressure"}'; post $agent $n5/dispatch '{"department":"pipe-network"}'; post $pipe $n5/return '{"reason":"不属于本部门"}'
n6=$(reg '{"channel":"hotline","kind":"complaint","content":"水有异味","complainant":{"name":"赵六","phone":"13600003333"}}')
curl -s -o /dev/null -w "%{http_code} contact\n" $t/$n6/contact -H "authorization: Bearer $agent"
n7=$(reg "{\"channel\":\"hotline\",\"kind\":\"complaint\",\"content\":\"再次投诉水压\",\"recomplaintOf\":\"$n1\",\"complainant\":{\"name\":\"张三\",\"phone\":\"13812345678\"}}")
# a channel complaint with a reply address, and an outbox reply
curl -s -o /dev/null -w "%{http_code} example\n" -X POST http://127.0.0.1:5099/channels/example/fangyang-water/messages -H 'content-type: application/json' -d '{"id":"msg-1","text":"网上留言：水管漏水","from":"user-openid-1"}'
# another tenant
curl -s -o /dev/null -w "%{http_code} gas\n" -X POST $api/tenants/fuyang-gas/complaints -H "authorization: Bearer $gasagent" -H 'content-type: application/json' -d '{"channel":"hotline","kind":"complaint","content":"燃气表漏气","complainant":{"phone":"13500004444"}}'
echo "$n1 $n2 $n3 $n4 $n5 $n6 $n7"
sleep 3
kill -TERM $pid; wait $pid || true
ls -la $data
