import struct,sys
data=open('cap.pcap','rb').read()
off=24; streams={}
while off < len(data):
    ts,tu,incl,orig=struct.unpack('<IIII',data[off:off+16]); off+=16
    pkt=data[off:off+incl]; off+=incl
    # linktype ethernet
    eth=pkt[14:]
    ihl=(eth[0]&15)*4; src='.'.join(map(str,eth[12:16])); 
    tcp=eth[ihl:]; thl=(tcp[12]>>4)*4; payload=tcp[thl:]
    sport=struct.unpack('>H',tcp[0:2])[0]
    if payload: streams.setdefault(src,b''); streams[src]+=payload
for src,s in streams.items():
    i=0;n=0
    while i<len(s):
        l=struct.unpack('>H',s[i+16:i+18])[0]; t=s[i+18]
        print(src,n,t,l,s[i:i+l].hex()); i+=l; n+=1
