module keygate.io/agent

go 1.19
