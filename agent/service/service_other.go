//go:build !windows

// Package service runs the agent as a Windows service; elsewhere there is none.
package service

import (
	"context"
	"errors"
)

// ErrNotAService: only Windows has a service control manager.
var ErrNotAService = errors.New("not started as a service")

func Run(string, func(context.Context) error) error { return ErrNotAService }
