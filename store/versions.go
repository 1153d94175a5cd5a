package store

import (
	"time"

	"github.com/termsmith/termsmith/versions"
)

// Version statuses on a date.
const (
	InForce    = "in force"
	Superseded = "superseded" // an earlier version
	Scheduled  = "scheduled"  // not yet in force
)

// VersionStatus is a published version and its status on a date. Its
// JSON form is what termsmith versions --json prints: the field names are
// documented in its --help and do not change.
type VersionStatus struct {
	ID          string `json:"id"`
	Effective   string `json:"effective"`   // YYYY-MM-DD
	NoticeDate  string `json:"notice_date"` // YYYY-MM-DD
	Published   string `json:"published"`   // RFC 3339
	Author      Person `json:"author"`
	Message     string `json:"message"`
	ContentHash string `json:"content_hash"`
	Commit      string `json:"commit"`
	Tag         string `json:"tag"`
	Status      string `json:"status"` // InForce, Superseded or Scheduled
}

// Person is an author, as VersionStatus gives it.
type Person struct {
	Name  string `json:"name"`
	Email string `json:"email"`
}

// Versions lists the published versions, by effective date, with their
// status on date, and returns the id of the version in force on date (""
// when none is).
func (s *Store) Versions(date time.Time) ([]VersionStatus, string, error) {
	repo, err := s.Repo()
	if err != nil {
		return nil, "", err
	}
	list, err := repo.List()
	if err != nil {
		return nil, "", err
	}
	inForce := ""
	if v, err := repo.InForce(date); err == nil {
		inForce = v.ID
	}
	out := make([]VersionStatus, len(list))
	for i, v := range list {
		status := Superseded
		switch {
		case v.ID == inForce:
			status = InForce
		case v.Effective.After(versions.Day(date)):
			status = Scheduled
		}
		out[i] = VersionStatus{
			ID: v.ID, Effective: v.Effective.Format(versions.DateLayout), NoticeDate: v.NoticeDate.Format(versions.DateLayout),
			Published: v.Published.Format(time.RFC3339), Author: Person{v.Author.Name, v.Author.Email},
			Message: v.Message, ContentHash: v.ContentHash, Commit: v.Commit, Tag: v.Tag, Status: status,
		}
	}
	return out, inForce, nil
}
