{{/* Labels every object carries; the selector labels are the same as in manifests/barelb.yaml. */}}
{{- define "barelb.labels" -}}
app.kubernetes.io/name: barelb
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end }}

{{- define "barelb.image" -}}
{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end }}

{{/* The arguments both processes share after their command name. */}}
{{- define "barelb.commonArgs" -}}
- --namespace
- {{ .Release.Namespace }}
{{- with .Values.loadBalancerClass }}
- --lb-class
- {{ . }}
{{- end }}
{{- if ne (int .Values.metrics.port) 7472 }}
- --metrics-port
- {{ .Values.metrics.port | quote }}
{{- end }}
{{- end }}

{{/* Liveness on /healthz, readiness on /readyz, both on the metrics port. */}}
{{- define "barelb.probes" -}}
livenessProbe:
  httpGet: {path: /healthz, port: metrics}
  initialDelaySeconds: 10
  periodSeconds: 10
  failureThreshold: 3
readinessProbe:
  httpGet: {path: /readyz, port: metrics}
  periodSeconds: 10
  failureThreshold: 3
{{- end }}

{{- define "barelb.javaOpts" -}}
{{- with . }}
- name: BARELB_JAVA_OPTS
  value: {{ . | quote }}
{{- end }}
{{- end }}
