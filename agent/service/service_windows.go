//go:build windows

// Package service runs the agent as a Windows service: the service control dispatcher, the control
// handler and the status reports, through advapi32 (no x/sys module).
package service

import (
	"context"
	"errors"
	"sync"
	"syscall"
	"unsafe"
)

var (
	advapi32                         = syscall.NewLazyDLL("advapi32.dll")
	procStartServiceCtrlDispatcher   = advapi32.NewProc("StartServiceCtrlDispatcherW")
	procRegisterServiceCtrlHandlerEx = advapi32.NewProc("RegisterServiceCtrlHandlerExW")
	procSetServiceStatus             = advapi32.NewProc("SetServiceStatus")
)

const (
	serviceWin32OwnProcess  = 0x10
	stateStopped            = 1
	stateStartPending       = 2
	stateStopPending        = 3
	stateRunning            = 4
	controlStop             = 1
	controlInterrogate      = 4
	controlShutdown         = 5
	acceptStop              = 1
	acceptShutdown          = 4
	errorCallNotImplemented = 120
	errorNotAService        = 1063 // ERROR_FAILED_SERVICE_CONTROLLER_CONNECT: started from a console
)

// ErrNotAService: the process was not started by the service control manager.
var ErrNotAService = errors.New("not started as a service")

type status struct {
	serviceType, currentState, controlsAccepted, win32ExitCode, specificExitCode, checkPoint, waitHint uint32
}

type tableEntry struct {
	name *uint16
	proc uintptr
}

var (
	mu      sync.Mutex
	handle  uintptr
	cancel  context.CancelFunc
	work    func(context.Context) error
	name    *uint16
	workErr error
)

// Run hands the process to the service control manager and runs work until the service is stopped (or
// the machine shuts down). ErrNotAService when started from a console.
func Run(serviceName string, w func(context.Context) error) error {
	name, _ = syscall.UTF16PtrFromString(serviceName)
	work = w
	table := []tableEntry{{name: name, proc: syscall.NewCallback(serviceMain)}, {}}
	r, _, err := procStartServiceCtrlDispatcher.Call(uintptr(unsafe.Pointer(&table[0])))
	if r == 0 {
		if errno, ok := err.(syscall.Errno); ok && errno == errorNotAService {
			return ErrNotAService
		}
		return err
	}
	return workErr
}

func setStatus(state, accepted, exitCode uint32) {
	s := status{serviceType: serviceWin32OwnProcess, currentState: state, controlsAccepted: accepted, win32ExitCode: exitCode}
	procSetServiceStatus.Call(handle, uintptr(unsafe.Pointer(&s)))
}

func serviceMain(argc, argv uintptr) uintptr {
	h, _, _ := procRegisterServiceCtrlHandlerEx.Call(uintptr(unsafe.Pointer(name)), syscall.NewCallback(control), 0)
	if h == 0 {
		return 0
	}
	ctx, stop := context.WithCancel(context.Background())
	mu.Lock()
	handle, cancel = h, stop
	mu.Unlock()
	setStatus(stateStartPending, 0, 0)
	setStatus(stateRunning, acceptStop|acceptShutdown, 0)
	workErr = work(ctx)
	if errors.Is(workErr, context.Canceled) {
		workErr = nil
	}
	var code uint32
	if workErr != nil {
		code = 1 // ERROR_INVALID_FUNCTION: the service control manager then applies the recovery actions
	}
	setStatus(stateStopped, 0, code)
	return 0
}

func control(ctl, eventType, eventData, context uintptr) uintptr {
	switch ctl {
	case controlStop, controlShutdown:
		setStatus(stateStopPending, 0, 0)
		mu.Lock()
		cancel()
		mu.Unlock()
		return 0
	case controlInterrogate:
		return 0
	}
	return errorCallNotImplemented
}
