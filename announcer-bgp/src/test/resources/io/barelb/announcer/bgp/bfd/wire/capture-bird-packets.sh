#!/bin/bash
set -e
A=bfcapa; B=bfcapb
ip netns del $A 2>/dev/null || true; ip netns del $B 2>/dev/null || true
ip netns add $A; ip netns add $B
ip netns exec $A sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0
ip netns exec $B sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0
ip -n $A link add eth0 type veth peer name eth0 netns $B
for n in $A $B; do ip -n $n link set lo up; ip -n $n link set eth0 up; done
ip -n $A addr add 192.0.2.1/24 dev eth0; ip -n $A addr add 2001:db8::1/64 dev eth0 nodad
ip -n $B addr add 192.0.2.2/24 dev eth0; ip -n $B addr add 2001:db8::2/64 dev eth0 nodad
cat > a.conf <<C
router id 192.0.2.1;
protocol device {}
protocol bfd { interface "eth0" { min rx interval 100 ms; min tx interval 100 ms; multiplier 3; };
  neighbor 192.0.2.2 local 192.0.2.1; neighbor 2001:db8::2 local 2001:db8::1; }
C
sed -e 's/192.0.2.2 local 192.0.2.1/192.0.2.1 local 192.0.2.2/;s/2001:db8::2 local 2001:db8::1/2001:db8::1 local 2001:db8::2/;s/router id 192.0.2.1/router id 192.0.2.2/' a.conf > b.conf
ip netns exec $A tcpdump -i eth0 -U -w cap.pcap udp port 3784 >tcpdump.log 2>&1 &
echo $! > tcpdump.pid
sleep 1
ip netns exec $A bird -c a.conf -s a.ctl -P a.pid
sleep 1.5
ip netns exec $B bird -c b.conf -s b.ctl -P b.pid
sleep 4
birdc -s a.ctl show bfd sessions
birdc -s a.ctl disable bfd1 || true
sleep 1
birdc -s a.ctl show bfd sessions
kill $(cat b.pid) $(cat a.pid) 
sleep 0.5
kill $(cat tcpdump.pid)
sleep 0.5
ip netns del $A; ip netns del $B
