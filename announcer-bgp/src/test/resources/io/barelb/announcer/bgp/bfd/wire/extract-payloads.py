import struct,sys
d=open('cap.pcap','rb').read()
magic=struct.unpack('<I',d[:4])[0]; link=struct.unpack('<I',d[20:24])[0]
off=24; out=[]
while off<len(d):
    ts,tu,cl,ol=struct.unpack('<IIII',d[off:off+16]); pkt=d[off+16:off+16+cl]; off+=16+cl
    p=pkt[14:] if link==1 else pkt[16:] if link==113 else pkt
    v=p[0]>>4
    if v==4: hl=(p[0]&15)*4; ttl=p[8]; src='.'.join(map(str,p[12:16])); dst='.'.join(map(str,p[16:20])); u=p[hl:]
    else: ttl=p[7]; src=p[8:24].hex(); dst=p[24:40].hex(); u=p[40:]
    sp,dp,ul=struct.unpack('>HHH',u[:6]); pl=u[8:ul]
    st=pl[1]>>6; fl=pl[1]&0x3f; diag=pl[0]&31
    out.append((v,ttl,src,sp,dp,st,fl,diag,pl.hex()))
seen={}
for o in out:
    k=(o[0],o[5],o[6],o[7],o[2])
    if k not in seen: seen[k]=o
for k,o in seen.items(): print(o)
print(len(out))
